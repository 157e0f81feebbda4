use wxpay_core::endpoint;

#[endpoint(post, "v3/payscore/serviceorder/<out_order_no>/<id>", reponse = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    pub out_order_no: Option<String>,
    pub service_id: String,
}

fn main() {}
