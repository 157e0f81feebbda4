use wxpay_core::endpoint;

#[endpoint(FETCH, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct QueryServiceOrder {
    pub service_id: String,
}

#[endpoint(post, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct CreateServiceOrder {
    pub service_id: String,
}

fn main() {}
