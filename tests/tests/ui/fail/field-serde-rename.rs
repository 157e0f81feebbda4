use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    #[serde(rename = "order_no")]
    pub out_order_no: String,
    #[endpoint(query)]
    #[serde(rename = "sub_mch_id")]
    pub sub_mchid: String,
    #[serde(rename = "serviceId")]
    pub service_id: String,
}

fn main() {}
