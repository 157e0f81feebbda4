use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder", response = wxpay_core::NoContent, idempotent = true)]
pub struct CreateServiceOrder {
    pub service_id: String,
}

fn main() {}
