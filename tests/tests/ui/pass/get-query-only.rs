//! `GET` whose fields are all query parameters, with a JSON response.

use wxpay_core::{DEFAULT_BASE_URL, Endpoint, Method, endpoint};

include!("support/client.rs");

/// A service order.
#[derive(Debug, serde::Deserialize)]
pub struct ServiceOrder {
    /// Its state.
    pub state: String,
}

/// Queries a service order by `out_order_no`.
#[endpoint(GET, "v3/payscore/serviceorder", response = ServiceOrder)]
pub struct QueryServiceOrder {
    /// Query parameter.
    pub service_id: String,
    /// Query parameter.
    pub out_order_no: String,
}

fn response_is<E: Endpoint<Response = ServiceOrder>>() {}

fn main() {
    let request = QueryServiceOrder { service_id: "s".to_owned(), out_order_no: "o".to_owned() };
    let mut path = String::new();
    <QueryServiceOrder as Endpoint>::write_path(&request, &mut path);
    assert_eq!(path, "v3/payscore/serviceorder");
    assert_eq!(QueryServiceOrder::METHOD, Method::Get);
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"service_id":"s","out_order_no":"o"}"#
    );
    response_is::<QueryServiceOrder>();

    let prepared = client().prepare(&request).unwrap();
    assert_eq!(prepared.method(), "GET");
    assert_eq!(
        prepared.uri().to_string(),
        format!("{DEFAULT_BASE_URL}v3/payscore/serviceorder?service_id=s&out_order_no=o")
    );
    assert!(prepared.body().is_empty());
}
