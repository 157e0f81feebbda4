use wxpay_core::endpoint;

#[endpoint(POST, COMPLETE_PATH, response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    pub out_order_no: String,
}

fn main() {}
