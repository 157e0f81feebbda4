use wxpay_core::endpoint;

pub struct Order {
    pub state: String,
}

#[endpoint(GET, "v3/payscore/serviceorder", response = Order)]
pub struct QueryServiceOrder {
    pub out_order_no: String,
}

fn main() {}
