//! Refunds (`/v3/refund/domestic/refunds...`) with WeChat's money rules: only paid amounts,
//! partial refunds adding up to at most the payment, `REFUND.*` notifications.

use std::sync::Arc;

use serde_json::Value;
use wxpay_settlement::refund::{
    AbnormalRefundType, ApplyAbnormalRefund, CreateRefund, PaymentRef, QueryRefund,
};

use super::{Ctx, Reply, Route, profit_sharing::decrypt_sensitive};
use crate::{
    MockServer, Shared,
    error::{ApiError, ControlError},
    ledger::{self, RefundRecord},
    notify::{self, Event},
    state::Owner,
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateRefund>(create),
        Route::endpoint::<QueryRefund>(query),
        Route::endpoint::<ApplyAbnormalRefund>(apply_abnormal),
    ]
}

/// The owner a request acts for: the merchant, or its sub-merchant in partner mode.
pub(super) fn owner(ctx: &Ctx<'_>, sub_mchid: Option<&String>) -> Owner {
    match sub_mchid {
        Some(sub) => Owner::partner(ctx.mchid, sub),
        None => Owner::direct(ctx.mchid),
    }
}

fn create(ctx: &Ctx<'_>, req: &CreateRefund) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    if req.amount.refund == 0 {
        return Err(ApiError::param("退款金额必须大于0", "/amount/refund", "body"));
    }
    if req.amount.currency != "CNY" {
        return Err(ApiError::param("退款币种只支持CNY", "/amount/currency", "body"));
    }
    let record = {
        let mut state = ctx.shared.state();
        let payment = ledger::payments(&state)
            .into_iter()
            .find(|p| {
                p.owner == owner
                    && match &req.payment {
                        PaymentRef::TransactionId(id) => p.transaction_id == *id,
                        PaymentRef::OutTradeNo(no) => p.out_trade_no == *no,
                        _ => false,
                    }
            })
            .ok_or_else(|| ApiError::resource_not_exists("订单不存在"))?;
        let ledger = &mut state.ledger;
        if let Some(existing) =
            ledger.refunds.iter().find(|r| r.owner == owner && r.out_refund_no == req.out_refund_no)
        {
            if existing.request == *ctx.raw {
                return Ok(Reply::Json(existing.to_json()));
            }
            return Err(ApiError::invalid("商户退款单号重复，请核实退款参数"));
        }
        if req.amount.total != payment.amount {
            return Err(ApiError::param(
                "订单金额total与原订单金额不一致",
                "/amount/total",
                "body",
            ));
        }
        if req.amount.refund > ledger.refundable(&payment) {
            let message = if ledger.with_receivers(&payment.transaction_id) > 0 {
                "申请退款金额超过订单可退金额，已分账的资金请先分账回退"
            } else {
                "申请退款金额超过订单可退金额"
            };
            return Err(ApiError::invalid(message));
        }
        let now = util::unix_now();
        let record = RefundRecord {
            owner,
            refund_id: ledger.next_id("50"),
            out_refund_no: req.out_refund_no.clone(),
            transaction_id: payment.transaction_id,
            out_trade_no: payment.out_trade_no,
            total: payment.amount,
            refund: req.amount.refund,
            status: "SUCCESS",
            channel: "ORIGINAL",
            funds_account: req.funds_account.as_ref().map(|f| f.as_str().to_owned()),
            create_time: now,
            success_time: Some(now),
            notify_url: req
                .notify_url
                .clone()
                .or_else(|| ctx.shared.config.service_notify_url.clone()),
            request: ctx.raw.clone(),
        };
        ledger.refunds.push(record.clone());
        record
    };
    // WeChat answers `PROCESSING` and settles the refund afterwards.
    let mut answer = record.to_json();
    if let Some(map) = answer.as_object_mut() {
        map.insert("status".into(), "PROCESSING".into());
        map.remove("success_time");
    }
    refund_event(ctx.shared, &record);
    Ok(Reply::Json(answer))
}

fn query(ctx: &Ctx<'_>, req: &QueryRefund) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let state = ctx.shared.state();
    state
        .ledger
        .refunds
        .iter()
        .find(|r| r.owner == owner && r.out_refund_no == req.out_refund_no)
        .map(|r| Reply::Json(r.to_json()))
        .ok_or_else(|| ApiError::resource_not_exists("退款单不存在"))
}

fn apply_abnormal(ctx: &Ctx<'_>, req: &ApplyAbnormalRefund) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    if req.kind == AbnormalRefundType::UserBankCard {
        for (field, value) in [("bank_account", &req.bank_account), ("real_name", &req.real_name)] {
            let value = value.as_ref().ok_or_else(|| {
                ApiError::param(
                    format!("退款至用户银行卡时{field}必填"),
                    &format!("/{field}"),
                    "body",
                )
            })?;
            let plain = decrypt_sensitive(ctx, value, field)?;
            if plain.expose().is_empty() {
                return Err(ApiError::param(
                    format!("{field}不能为空"),
                    &format!("/{field}"),
                    "body",
                ));
            }
        }
        if req.bank_type.is_none() {
            return Err(ApiError::param("退款至用户银行卡时bank_type必填", "/bank_type", "body"));
        }
    }
    let record = {
        let mut state = ctx.shared.state();
        let record = state
            .ledger
            .refunds
            .iter_mut()
            .find(|r| r.owner == owner && r.refund_id == req.refund_id)
            .filter(|r| r.out_refund_no == req.out_refund_no)
            .ok_or_else(|| ApiError::resource_not_exists("退款单不存在"))?;
        if record.status != "ABNORMAL" {
            return Err(ApiError::invalid("退款单状态不是退款异常，无法发起异常退款"));
        }
        record.status = "SUCCESS";
        record.channel = "OTHER_BANKCARD";
        record.success_time = Some(util::unix_now());
        record.clone()
    };
    let mut answer = record.to_json();
    if let Some(map) = answer.as_object_mut() {
        map.insert("status".into(), "PROCESSING".into());
        map.remove("success_time");
    }
    refund_event(ctx.shared, &record);
    Ok(Reply::Json(answer))
}

/// Sends the `REFUND.*` notification of `record`'s status, if it has a URL.
fn refund_event(shared: &Arc<Shared>, record: &RefundRecord) {
    let Some(url) = record.notify_url.clone() else { return };
    let (kind, summary) = match record.status {
        "SUCCESS" => ("REFUND.SUCCESS", "退款成功"),
        "ABNORMAL" => ("REFUND.ABNORMAL", "退款异常"),
        "CLOSED" => ("REFUND.CLOSED", "退款关闭"),
        _ => return,
    };
    notify::send(shared, Event { kind, summary, url, resource: record.event_json() });
}

impl MockServer {
    /// Every refund, as the query endpoint reports it, in the order they were made.
    #[must_use]
    pub fn refunds(&self) -> Vec<Value> {
        self.shared.state().ledger.refunds.iter().map(RefundRecord::to_json).collect()
    }

    /// Simulates a refund failing at the bank (e.g. the user's card was cancelled): the
    /// refund `out_refund_no` becomes `ABNORMAL` (`REFUND.ABNORMAL` is sent), and its money
    /// is again refundable only through the abnormal-refund endpoint. Returns the refund.
    ///
    /// # Errors
    ///
    /// [`ControlError::BadRequest`] if there is no such refund.
    pub fn make_refund_abnormal(&self, out_refund_no: &str) -> Result<Value, ControlError> {
        let record = {
            let mut state = self.shared.state();
            let record = state
                .ledger
                .refunds
                .iter_mut()
                .find(|r| r.out_refund_no == out_refund_no)
                .ok_or_else(|| ControlError::BadRequest(format!("no refund `{out_refund_no}`")))?;
            record.status = "ABNORMAL";
            record.success_time = None;
            record.clone()
        };
        refund_event(&self.shared, &record);
        Ok(record.to_json())
    }
}
