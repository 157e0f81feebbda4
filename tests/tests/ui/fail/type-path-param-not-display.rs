use wxpay_core::endpoint;

pub struct OrderNo(pub String);

#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    pub out_order_no: OrderNo,
}

fn main() {}
