use wxpay_core::endpoint;

#[endpoint(POST, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct CreateServiceOrder {
    #[endpoint(query = "sub_mchid")]
    pub sub_mchid: String,
}

fn main() {}
