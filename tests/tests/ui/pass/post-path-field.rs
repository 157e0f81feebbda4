//! `POST` with a path field and a `NoContent` response.

use wxpay_core::{Endpoint, Method, NoContent, endpoint};

/// Completes a service order.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = NoContent)]
pub struct CompleteServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
    /// Body field.
    pub service_id: String,
}

fn response_is_no_content<E: Endpoint<Response = NoContent>>() {}

fn main() {
    let request =
        CompleteServiceOrder { out_order_no: "A/1 %".to_owned(), service_id: "s".to_owned() };
    let mut path = String::new();
    <CompleteServiceOrder as Endpoint>::write_path(&request, &mut path);
    assert_eq!(path, "v3/payscore/serviceorder/A%2F1%20%25/complete");
    assert_eq!(CompleteServiceOrder::METHOD, Method::Post);
    assert_eq!(
        CompleteServiceOrder::PATH_TEMPLATE,
        "v3/payscore/serviceorder/<out_order_no>/complete"
    );
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"service_id":"s"}"#);
    response_is_no_content::<CompleteServiceOrder>();
    let _ = CompleteServiceOrder::execute::<wxpay_core::transport::MockTransport>;
}
