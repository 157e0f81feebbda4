use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder/{out_order_no}/complete", response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    pub out_order_no: String,
}

fn main() {}
