use wxpay_core::endpoint;

#[endpoint]
pub struct QueryServiceOrder {
    pub service_id: String,
}

fn main() {}
