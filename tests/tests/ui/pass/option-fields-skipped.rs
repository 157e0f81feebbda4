//! `None` fields are left out by `#[endpoint]` itself, in a JSON body and in a query string
//! alike; a field with the user's own `skip_serializing_if` or `skip` keeps it.

use wxpay_core::{DEFAULT_BASE_URL, endpoint};

include!("support/client.rs");

/// Whether a list is empty, as a user-written skip condition.
fn no_items(items: &Option<Vec<u8>>) -> bool {
    items.as_ref().is_none_or(Vec::is_empty)
}

/// A body method with optional fields.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/modify", response = wxpay_core::NoContent)]
pub struct ModifyServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
    /// Required body field.
    pub service_id: String,
    /// Optional body field, no attribute.
    pub reason: Option<String>,
    /// Written in full.
    pub sub_mchid: ::std::option::Option<String>,
    /// The user's own condition wins: `Some(vec![])` is left out too.
    #[serde(skip_serializing_if = "no_items")]
    pub items: Option<Vec<u8>>,
    /// Never sent.
    #[serde(skip)]
    pub note: Option<String>,
}

/// A query method with optional fields.
#[endpoint(GET, "v3/payscore/serviceorder", response = serde_json::Value)]
pub struct QueryServiceOrder {
    /// Query parameter.
    pub service_id: String,
    /// Optional query parameter.
    pub out_order_no: Option<String>,
    /// Optional query parameter.
    pub query_id: Option<String>,
}

fn body(request: &ModifyServiceOrder) -> String {
    let prepared = client().prepare(request).unwrap();
    String::from_utf8(prepared.body().clone()).unwrap()
}

fn main() {
    let mut request = ModifyServiceOrder {
        out_order_no: "o1".to_owned(),
        service_id: "s".to_owned(),
        reason: None,
        sub_mchid: None,
        items: Some(vec![]),
        note: Some("internal".to_owned()),
    };
    assert_eq!(body(&request), r#"{"service_id":"s"}"#);
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"service_id":"s"}"#);
    request.reason = Some("r".to_owned());
    request.sub_mchid = Some("1900000109".to_owned());
    request.items = Some(vec![1]);
    assert_eq!(
        body(&request),
        r#"{"service_id":"s","reason":"r","sub_mchid":"1900000109","items":[1]}"#
    );

    let mut query = QueryServiceOrder {
        service_id: "s".to_owned(),
        out_order_no: None,
        query_id: Some("q".to_owned()),
    };
    let prepared = client().prepare(&query).unwrap();
    assert_eq!(
        prepared.uri().to_string(),
        format!("{DEFAULT_BASE_URL}v3/payscore/serviceorder?service_id=s&query_id=q")
    );
    assert_eq!(serde_json::to_string(&query).unwrap(), r#"{"service_id":"s","query_id":"q"}"#);
    query.query_id = None;
    let prepared = client().prepare(&query).unwrap();
    assert_eq!(prepared.uri().query(), Some("service_id=s"));
}
