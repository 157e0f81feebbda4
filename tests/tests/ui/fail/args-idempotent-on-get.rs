use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent, idempotent)]
pub struct QueryServiceOrder {
    pub service_id: String,
}

fn main() {}
