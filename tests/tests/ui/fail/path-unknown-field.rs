use wxpay_core::endpoint;

// The `#[serde]` attribute must not cause a follow-on error while the struct is emitted again.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    pub out_trade_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
}

fn main() {}
