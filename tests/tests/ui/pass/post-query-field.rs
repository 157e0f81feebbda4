//! `POST` with a field sent in the query string through `#[endpoint(query)]`.

use wxpay_core::{DEFAULT_BASE_URL, Endpoint, endpoint};

include!("support/client.rs");

/// Completes a service order (partner mode).
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/complete", response = wxpay_core::NoContent)]
pub struct CompletePartnerServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
    /// Query parameter.
    #[endpoint(query)]
    pub sub_mchid: String,
    /// Query parameter with a raw identifier: sent as `type`.
    #[endpoint(query)]
    pub r#type: Option<String>,
    /// Body field.
    pub service_id: String,
}

fn main() {
    let request = CompletePartnerServiceOrder {
        out_order_no: "o1".to_owned(),
        sub_mchid: "1900000109".to_owned(),
        r#type: Some("a b".to_owned()),
        service_id: "s".to_owned(),
    };
    let mut path = String::new();
    <CompletePartnerServiceOrder as Endpoint>::write_path(&request, &mut path);
    assert_eq!(path, "v3/payscore/partner/serviceorder/o1/complete");
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"service_id":"s"}"#);

    let prepared = client().prepare(&request).unwrap();
    assert_eq!(prepared.method(), "POST");
    assert_eq!(
        prepared.uri().to_string(),
        format!(
            "{DEFAULT_BASE_URL}v3/payscore/partner/serviceorder/o1/complete?sub_mchid=1900000109&type=a+b"
        )
    );
    assert_eq!(std::str::from_utf8(prepared.body()).unwrap(), r#"{"service_id":"s"}"#);

    let without_type = CompletePartnerServiceOrder { r#type: None, ..request };
    let prepared = client().prepare(&without_type).unwrap();
    assert_eq!(prepared.uri().query(), Some("sub_mchid=1900000109"));
}
