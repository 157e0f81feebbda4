//! The user's own `#[serde(...)]` attributes and derives keep working next to `#[endpoint]`.

use wxpay_core::{Endpoint, endpoint};

/// Modifies the amount of a service order.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/modify", response = wxpay_core::NoContent)]
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifyServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
    /// Renamed by `rename_all`.
    pub total_amount: i64,
    /// Renamed explicitly.
    #[serde(rename = "reason")]
    pub why: String,
    /// Left out when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
}

fn main() {
    let request = ModifyServiceOrder {
        out_order_no: "o1".to_owned(),
        total_amount: 100,
        why: "discount".to_owned(),
        sub_mchid: None,
    };
    let mut path = String::new();
    <ModifyServiceOrder as Endpoint>::write_path(&request, &mut path);
    assert_eq!(path, "v3/payscore/serviceorder/o1/modify");
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"totalAmount":100,"reason":"discount"}"#
    );

    let parsed: ModifyServiceOrder =
        serde_json::from_str(r#"{"outOrderNo":"o1","totalAmount":100,"reason":"discount"}"#)
            .unwrap();
    assert_eq!(parsed, request.clone());
    assert!(format!("{request:?}").starts_with("ModifyServiceOrder {"));
}
