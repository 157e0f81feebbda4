use wxpay_core::endpoint;

#[endpoint(POST, "/v3/orders/<order_id>/items/<item_id>", response = wxpay_core::NoContent)]
pub struct UpdateOrderItem<T> {
    pub id: T,
}

fn main() {}
