use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder?service_id=x", response = wxpay_core::NoContent)]
pub struct QueryServiceOrder {
    pub out_order_no: String,
}

#[endpoint(GET, "v3/payscore/serviceorder#top", response = wxpay_core::NoContent)]
pub struct QueryServiceOrderFragment {
    pub out_order_no: String,
}

#[endpoint(GET, "v3/payscore/service order", response = wxpay_core::NoContent)]
pub struct QueryServiceOrderSpace {
    pub out_order_no: String,
}

fn main() {}
