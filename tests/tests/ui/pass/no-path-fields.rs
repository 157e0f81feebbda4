//! Endpoints whose path has no placeholder, with and without fields.

use wxpay_core::{Endpoint, Method, endpoint};

/// Creates a service order.
#[endpoint(POST, "v3/payscore/serviceorder", response = serde_json::Value)]
pub struct CreateServiceOrder {
    /// Body field.
    pub service_id: String,
    /// Body field.
    pub total_amount: i64,
}

/// Lists something without parameters.
#[endpoint(GET, "v3/payscore/permissions", response = serde_json::Value)]
pub struct ListPermissions {}

fn main() {
    let create = CreateServiceOrder { service_id: "s".to_owned(), total_amount: 100 };
    let mut path = String::new();
    <CreateServiceOrder as Endpoint>::write_path(&create, &mut path);
    assert_eq!(path, "v3/payscore/serviceorder");
    assert_eq!(CreateServiceOrder::METHOD, Method::Post);
    assert_eq!(serde_json::to_string(&create).unwrap(), r#"{"service_id":"s","total_amount":100}"#);

    let mut path = String::new();
    <ListPermissions as Endpoint>::write_path(&ListPermissions {}, &mut path);
    assert_eq!(path, "v3/payscore/permissions");
    assert_eq!(ListPermissions::METHOD, Method::Get);
    assert_eq!(serde_json::to_string(&ListPermissions {}).unwrap(), "{}");
}
