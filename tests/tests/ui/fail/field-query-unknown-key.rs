use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct CreateServiceOrder {
    #[endpoint(querry)]
    pub sub_mchid: String,
    pub service_id: String,
}

fn main() {}
