use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore//serviceorder", response = wxpay_core::NoContent)]
pub struct DoubleSlash {
    pub service_id: String,
}

#[endpoint(GET, "v3/payscore/serviceorder/", response = wxpay_core::NoContent)]
pub struct TrailingSlash {
    pub service_id: String,
}

#[endpoint(GET, "", response = wxpay_core::NoContent)]
pub struct EmptyPath {
    pub service_id: String,
}

fn main() {}
