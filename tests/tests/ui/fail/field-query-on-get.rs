use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct QueryServiceOrder {
    #[endpoint(query)]
    pub sub_mchid: String,
    pub service_id: String,
}

#[endpoint(DELETE, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct DeleteServiceOrder {
    #[endpoint(query)]
    pub sub_mchid: String,
}

fn main() {}
