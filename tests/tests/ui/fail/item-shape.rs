use wxpay_core::endpoint;

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub enum QueryServiceOrder {
    ById { id: String },
}

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct QueryServiceOrderTuple(pub String);

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub struct QueryServiceOrderGeneric<T> {
    pub service_id: T,
}

#[endpoint(GET, "v3/payscore/serviceorder", response = wxpay_core::NoContent)]
pub fn query_service_order() {}

fn main() {}
