//! 智慧零售 (legacy, direct merchant, `/v3/payscore/smartretail-orders...`): the order
//! machine of 先享后付 (`routes/payafter.rs`), with its own order numbers and no sync.

use wxpay_payscore::smartretail_orders::{
    CancelSmartRetailOrder, CompleteSmartRetailOrder, CreateSmartRetailOrder, QuerySmartRetailOrder,
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    payafter::{Finish, NewLegacy, cancel_order, complete_order, create_order, query_order},
};
use crate::{error::ApiError, state::legacy::LegacyFamily};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateSmartRetailOrder>(create),
        Route::endpoint::<QuerySmartRetailOrder>(query),
        Route::endpoint::<CancelSmartRetailOrder>(cancel),
        Route::endpoint::<CompleteSmartRetailOrder>(complete),
    ]
}

const FAMILY: LegacyFamily = LegacyFamily::SmartRetail;

fn create(ctx: &Ctx<'_>, req: &CreateSmartRetailOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create_order(
        ctx,
        &NewLegacy {
            family: FAMILY,
            appid: &req.appid,
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            service_start_time: req.service_start_time.as_ref(),
            service_end_time: req.service_end_time.as_ref(),
            texts: [
                ("service_start_location", req.service_start_location.as_ref()),
                ("service_end_location", req.service_end_location.as_ref()),
                ("service_introduction", req.service_introduction.as_ref()),
                ("attach", req.attach.as_ref()),
            ],
            fees: &req.fees,
            discounts: &req.discounts,
            risk_amount: req.risk_amount,
            need_user_confirm: req.need_user_confirm,
            openid: req.openid.as_deref(),
        },
    )
}

fn query(ctx: &Ctx<'_>, req: &QuerySmartRetailOrder) -> Result<Reply, ApiError> {
    query_order(ctx, FAMILY, &req.lookup, &req.service_id, &req.appid)
}

fn cancel(ctx: &Ctx<'_>, req: &CancelSmartRetailOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    cancel_order(ctx, FAMILY, req.out_order_no.as_str(), &req.service_id, &req.appid, &req.reason)
}

fn complete(ctx: &Ctx<'_>, req: &CompleteSmartRetailOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    complete_order(
        ctx,
        &Finish {
            family: FAMILY,
            out_order_no: req.out_order_no.as_str(),
            appid: &req.appid,
            service_id: &req.service_id,
            finish_type: req.finish_type,
            cancel_reason: req.cancel_reason.as_deref(),
            real_service_start_time: req.real_service_start_time.as_ref(),
            real_service_end_time: req.real_service_end_time.as_ref(),
            real_service_end_location: req.real_service_end_location.as_deref(),
            fees: &req.fees,
            discounts: &req.discounts,
            total_amount: req.total_amount,
            finish_ticket: req.finish_ticket.as_deref(),
        },
    )
}
