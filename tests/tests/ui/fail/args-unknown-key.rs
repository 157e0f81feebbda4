use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder", reponse = wxpay_core::NoContent)]
pub struct QueryServiceOrder {
    pub service_id: String,
}

fn main() {}
