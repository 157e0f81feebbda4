use wxpay_core::endpoint;

#[endpoint(GET, "v3/orders/<id>/items/<id>", response = wxpay_core::NoContent)]
pub struct QueryOrderItem {
    pub id: String,
}

fn main() {}
