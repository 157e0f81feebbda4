use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder", idempotent, response = wxpay_core::NoContent, idempotent)]
pub struct CreateServiceOrder {
    pub service_id: String,
}

fn main() {}
