//! Pay-on-delivery orders (先用后付, `servicepayondeliveryorder`), direct and partner: service
//! orders of the ordinary machine (`routes/service_order.rs`) that also carry the goods
//! bought (`shopping_info`). Created `CREATED` (or, with `need_user_confirm: false` and an
//! authorized user, `DOING`/`USER_CONFIRM`); then confirmed, completed, cancelled, queried
//! and charged by the ordinary service-order endpoints and control actions, with the
//! ordinary notifications. The create answer always carries the `package` and echoes the
//! `shopping_info`.

use serde_json::Value;
use wxpay_payscore::{
    partner::service_pay_on_delivery_order::CreatePartnerPayOnDeliveryOrder,
    service_pay_on_delivery_order::CreatePayOnDeliveryOrder,
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    service_order::{NewOrder, create_order, new_order, to_json},
};
use crate::{
    error::ApiError,
    state::{CREATE_KEYS, Order, Owner},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreatePayOnDeliveryOrder>(create_direct),
        Route::endpoint::<CreatePartnerPayOnDeliveryOrder>(create_partner),
    ]
}

fn create_direct(ctx: &Ctx<'_>, req: &CreatePayOnDeliveryOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    if req.mchid.as_deref().is_some_and(|m| m != ctx.mchid) {
        return Err(ApiError::invalid("mchid与请求商户号不一致"));
    }
    let order = new_order(
        ctx,
        Owner::direct(ctx.mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: None,
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: Some(&req.risk_fund),
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: None,
        },
    );
    create(ctx, order, req.need_user_confirm, to_json(&req.shopping_info))
}

fn create_partner(ctx: &Ctx<'_>, req: &CreatePartnerPayOnDeliveryOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    if req.mchid.as_deref().is_some_and(|m| m != ctx.mchid) {
        return Err(ApiError::invalid("mchid与请求商户号不一致"));
    }
    let order = new_order(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: Some(&req.risk_fund),
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
        },
    );
    create(ctx, order, req.need_user_confirm, to_json(&req.shopping_info))
}

/// Creates the order on the ordinary machine, with a `package` whether or not the user
/// must confirm (WeChat documents it as always present in the direct answer).
fn create(
    ctx: &Ctx<'_>,
    mut order: Order,
    need_user_confirm: Option<bool>,
    shopping_info: Value,
) -> Result<Reply, ApiError> {
    order.package = Some(format!("DJIOSQPYWDxsjdldeuwhdodwxasd_{}", util::random_alnum(24)));
    let order = create_order(ctx, order, need_user_confirm)?;
    Ok(Reply::Json(with_shopping_info(ctx, &order, Some(shopping_info))))
}

/// The create answer of a pay-on-delivery order: the order (`CREATE_KEYS`) with the
/// `shopping_info` first given for it (a repeated create keeps the first one).
pub(super) fn with_shopping_info(ctx: &Ctx<'_>, order: &Order, given: Option<Value>) -> Value {
    let key = (order.owner.clone(), order.out_order_no.clone());
    let shopping = {
        let mut state = ctx.shared.state();
        if let Some(info) = given {
            state.shopping_info.entry(key.clone()).or_insert(info);
        }
        state.shopping_info.get(&key).cloned()
    };
    let mut answer = order.view(CREATE_KEYS);
    if let (Some(map), Some(shopping)) = (answer.as_object_mut(), shopping) {
        map.insert("shopping_info".into(), shopping);
    }
    answer
}
