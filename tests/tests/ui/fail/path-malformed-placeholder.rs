use wxpay_core::endpoint;

#[endpoint(GET, "v3/orders/<id", response = wxpay_core::NoContent)]
pub struct Unclosed {
    pub id: String,
}

#[endpoint(GET, "v3/orders/<>", response = wxpay_core::NoContent)]
pub struct Empty {
    pub id: String,
}

#[endpoint(GET, "v3/orders/order-<id>", response = wxpay_core::NoContent)]
pub struct PartOfSegment {
    pub id: String,
}

#[endpoint(GET, "v3/orders/<out-order-no>", response = wxpay_core::NoContent)]
pub struct NotAFieldName {
    pub out_order_no: String,
}

fn main() {}
