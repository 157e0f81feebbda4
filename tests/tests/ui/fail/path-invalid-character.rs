use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder|list", response = wxpay_core::NoContent)]
pub struct Pipe {
    pub service_id: String,
}

#[endpoint(GET, "v3/payscore/支付分", response = wxpay_core::NoContent)]
pub struct NonAscii {
    pub service_id: String,
}

fn main() {}
