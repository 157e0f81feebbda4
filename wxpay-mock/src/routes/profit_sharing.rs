//! Profit sharing (`/v3/profitsharing/...`) with WeChat's rules: only payments made with
//! `profit_sharing: true`, receivers added first, their encrypted `name` decrypted with the
//! platform key named in `Wechatpay-Serial` and checked, at most the unsplit amount shared,
//! returns of at most what a receiver got, `PROFITSHARING.SUCCESS` notifications.

use std::sync::Arc;

use serde_json::{Value, json};
use wxpay_core::sensitive::Sensitive;
use wxpay_settlement::profit_sharing::{
    AddReceiver, CreateOrder, CreateReturn, DeleteReceiver, OrderRef, QueryOrder, QueryReturn,
    QueryUnsplitAmount, ReceiverType, UnfreezeOrder,
};

use super::{Ctx, Reply, Route, refund::owner};
use crate::{
    Shared,
    error::ApiError,
    ledger::{self, Payment, ReceiverRecord, ReturnRecord, ShareLine, ShareOrder},
    notify::{self, Event},
    state::{Owner, State},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<AddReceiver>(add_receiver),
        Route::endpoint::<DeleteReceiver>(delete_receiver),
        Route::endpoint::<CreateOrder>(create_order),
        Route::endpoint::<QueryOrder>(query_order),
        Route::endpoint::<UnfreezeOrder>(unfreeze),
        Route::endpoint::<CreateReturn>(create_return),
        Route::endpoint::<QueryReturn>(query_return),
        Route::endpoint::<QueryUnsplitAmount>(unsplit_amount),
    ]
}

/// Decrypts a [`Sensitive`] request field (received as its ciphertext) with the private key
/// of the platform certificate or public key named in `Wechatpay-Serial`.
pub(super) fn decrypt_sensitive(
    ctx: &Ctx<'_>,
    value: &Sensitive,
    field: &str,
) -> Result<Sensitive, ApiError> {
    let serial =
        ctx.headers.get("Wechatpay-Serial").and_then(|v| v.to_str().ok()).ok_or_else(|| {
            ApiError::param(
                "请求参数含有敏感信息，Http头Wechatpay-Serial不能为空",
                "Wechatpay-Serial",
                "header",
            )
        })?;
    let signer = ctx.shared.signer();
    let key = if serial == signer.public_key.0 {
        Some(&signer.public_key.1)
    } else {
        let wanted = util::normalize_serial(serial);
        signer
            .certificates
            .iter()
            .find(|c| util::normalize_serial(c.cert.serial.as_ref()) == wanted)
            .map(|c| &c.key)
    };
    let key = key.ok_or_else(|| {
        ApiError::param(
            "Http头Wechatpay-Serial对应的平台证书或公钥不存在",
            "Wechatpay-Serial",
            "header",
        )
    })?;
    Sensitive::from_ciphertext(value.expose(), key).map_err(|_| {
        ApiError::param(format!("敏感信息{field}解密失败"), &format!("/{field}"), "body")
    })
}

fn payment(state: &State, owner: &Owner, transaction_id: &str) -> Result<Payment, ApiError> {
    ledger::payments(state)
        .into_iter()
        .find(|p| p.owner == *owner && p.transaction_id == transaction_id)
        .ok_or_else(|| ApiError::resource_not_exists("订单不存在"))
}

fn add_receiver(ctx: &Ctx<'_>, req: &AddReceiver) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let name = req.name.as_ref().map(|n| decrypt_sensitive(ctx, n, "name")).transpose()?;
    if req.kind == ReceiverType::MerchantId {
        if name.is_none() {
            return Err(ApiError::param("分账接收方类型为MERCHANT_ID时name必填", "/name", "body"));
        }
        if !req.account.chars().all(|c| c.is_ascii_digit()) {
            return Err(ApiError::param("商户号格式不正确", "/account", "body"));
        }
        let sharer = owner.sub_mchid.as_deref().unwrap_or(&owner.mchid);
        if req.account == sharer {
            return Err(ApiError::invalid("分账接收方不能是分账方自己"));
        }
    }
    if matches!(req.relation_type.as_str(), "CUSTOM") && req.custom_relation.is_none() {
        return Err(ApiError::param(
            "relation_type为CUSTOM时custom_relation必填",
            "/custom_relation",
            "body",
        ));
    }
    let mut state = ctx.shared.state();
    let receivers = &mut state.ledger.receivers;
    receivers
        .retain(|r| !(r.owner == owner && r.kind == req.kind.as_str() && r.account == req.account));
    receivers.push(ReceiverRecord {
        owner: owner.clone(),
        kind: req.kind.as_str().to_owned(),
        account: req.account.clone(),
        name,
    });
    let mut answer = json!({
        "type": req.kind.as_str(), "account": req.account, "relation_type": req.relation_type.as_str(),
    });
    if let Some(map) = answer.as_object_mut() {
        if let Some(sub) = &owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub));
        }
        if let Some(custom) = &req.custom_relation {
            map.insert("custom_relation".into(), json!(custom));
        }
    }
    Ok(Reply::Json(answer))
}

fn delete_receiver(ctx: &Ctx<'_>, req: &DeleteReceiver) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let mut state = ctx.shared.state();
    let receivers = &mut state.ledger.receivers;
    let before = receivers.len();
    receivers
        .retain(|r| !(r.owner == owner && r.kind == req.kind.as_str() && r.account == req.account));
    if receivers.len() == before {
        return Err(ApiError::resource_not_exists("分账接收方不存在"));
    }
    let mut answer = json!({ "type": req.kind.as_str(), "account": req.account });
    if let (Some(sub), Some(map)) = (&owner.sub_mchid, answer.as_object_mut()) {
        map.insert("sub_mchid".into(), json!(sub));
    }
    Ok(Reply::Json(answer))
}

fn create_order(ctx: &Ctx<'_>, req: &CreateOrder) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    if req.receivers.is_empty() || req.receivers.len() > 50 {
        return Err(ApiError::param("分账接收方列表长度必须为1到50", "/receivers", "body"));
    }
    let mut names = Vec::with_capacity(req.receivers.len());
    for (i, receiver) in req.receivers.iter().enumerate() {
        if receiver.amount == 0 {
            return Err(ApiError::param(
                "分账金额必须大于0",
                &format!("/receivers/{i}/amount"),
                "body",
            ));
        }
        let field = format!("receivers/{i}/name");
        names.push(receiver.name.as_ref().map(|n| decrypt_sensitive(ctx, n, &field)).transpose()?);
    }
    // RSA-OAEP ciphertexts differ on every call: a repeated request is recognised by its
    // decrypted names.
    let mut request = ctx.raw.clone();
    if let Some(list) = request.get_mut("receivers").and_then(Value::as_array_mut) {
        for (receiver, name) in list.iter_mut().zip(&names) {
            if let (Some(receiver), Some(name)) = (receiver.as_object_mut(), name) {
                receiver.insert("name".into(), json!(name.expose()));
            }
        }
    }
    let order = {
        let mut state = ctx.shared.state();
        let payment = payment(&state, &owner, &req.transaction_id)?;
        let ledger = &mut state.ledger;
        if let Some(existing) =
            ledger.shares.iter().find(|s| s.owner == owner && s.out_order_no == req.out_order_no)
        {
            if existing.request == request {
                return Ok(Reply::Json(existing.to_json(false)));
            }
            return Err(ApiError::invalid("商户分账单号重复，请核实分账参数"));
        }
        if !payment.profit_sharing {
            return Err(ApiError::invalid("该笔订单不是分账订单，不能分账"));
        }
        if ledger.unfrozen.contains(&payment.transaction_id) {
            return Err(ApiError::invalid("该笔订单已完结分账，剩余资金已解冻"));
        }
        for (i, (receiver, name)) in req.receivers.iter().zip(&names).enumerate() {
            let added = ledger.receivers.iter().find(|r| {
                r.owner == owner
                    && r.kind == receiver.kind.as_str()
                    && r.account == receiver.account
            });
            let Some(added) = added else {
                return Err(ApiError::invalid(format!(
                    "分账接收方receivers[{i}]未添加，请先添加分账接收方"
                )));
            };
            if let (Some(name), Some(expected)) = (name, &added.name)
                && name.expose() != expected.expose()
            {
                return Err(ApiError::param(
                    "分账接收方全称与添加时不一致",
                    &format!("/receivers/{i}/name"),
                    "body",
                ));
            }
        }
        let total: u64 = req.receivers.iter().map(|r| r.amount).sum();
        let unsplit = ledger.unsplit(&payment);
        if total > unsplit {
            return Err(ApiError::invalid(format!("分账金额超出剩余待分金额{unsplit}分")));
        }
        let mut lines: Vec<ShareLine> = req
            .receivers
            .iter()
            .map(|r| ShareLine {
                kind: r.kind.as_str().to_owned(),
                account: r.account.clone(),
                amount: r.amount,
                description: r.description.clone(),
                detail_id: ledger.next_id("36"),
                unfreeze: false,
            })
            .collect();
        if req.unfreeze_unsplit {
            push_unfreeze_line(ledger, &owner, &mut lines, unsplit - total);
            ledger.unfrozen.insert(payment.transaction_id.clone());
        }
        let order = ShareOrder {
            owner,
            transaction_id: payment.transaction_id,
            out_order_no: req.out_order_no.clone(),
            order_id: ledger.next_id("30"),
            lines,
            time: util::unix_now(),
            request,
        };
        ledger.shares.push(order.clone());
        order
    };
    share_events(ctx.shared, &order);
    Ok(Reply::Json(order.to_json(true)))
}

/// The line that releases `amount` to the sharing merchant itself.
fn push_unfreeze_line(
    ledger: &mut ledger::Ledger,
    owner: &Owner,
    lines: &mut Vec<ShareLine>,
    amount: u64,
) {
    if amount == 0 {
        return;
    }
    lines.push(ShareLine {
        kind: "MERCHANT_ID".to_owned(),
        account: owner.sub_mchid.clone().unwrap_or_else(|| owner.mchid.clone()),
        amount,
        description: "解冻给分账方".to_owned(),
        detail_id: ledger.next_id("36"),
        unfreeze: true,
    });
}

fn query_order(ctx: &Ctx<'_>, req: &QueryOrder) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let state = ctx.shared.state();
    state
        .ledger
        .shares
        .iter()
        .find(|s| {
            s.owner == owner
                && s.out_order_no == req.out_order_no
                && s.transaction_id == req.transaction_id
        })
        .map(|s| Reply::Json(s.to_json(false)))
        .ok_or_else(|| ApiError::resource_not_exists("记录不存在"))
}

fn unfreeze(ctx: &Ctx<'_>, req: &UnfreezeOrder) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let order = {
        let mut state = ctx.shared.state();
        let payment = payment(&state, &owner, &req.transaction_id)?;
        let ledger = &mut state.ledger;
        if let Some(existing) =
            ledger.shares.iter().find(|s| s.owner == owner && s.out_order_no == req.out_order_no)
        {
            if existing.request == *ctx.raw {
                return Ok(Reply::Json(existing.to_json(false)));
            }
            return Err(ApiError::invalid("商户分账单号重复，请核实分账参数"));
        }
        if !payment.profit_sharing {
            return Err(ApiError::invalid("该笔订单不是分账订单，不能解冻"));
        }
        if ledger.unfrozen.contains(&payment.transaction_id) {
            return Err(ApiError::invalid("该笔订单已完结分账，剩余资金已解冻"));
        }
        let rest = ledger.unsplit(&payment);
        let mut lines = Vec::new();
        push_unfreeze_line(ledger, &owner, &mut lines, rest);
        if let Some(line) = lines.first_mut() {
            line.description.clone_from(&req.description);
        }
        ledger.unfrozen.insert(payment.transaction_id.clone());
        let order = ShareOrder {
            owner,
            transaction_id: payment.transaction_id,
            out_order_no: req.out_order_no.clone(),
            order_id: ledger.next_id("30"),
            lines,
            time: util::unix_now(),
            request: ctx.raw.clone(),
        };
        ledger.shares.push(order.clone());
        order
    };
    Ok(Reply::Json(order.to_json(true)))
}

fn create_return(ctx: &Ctx<'_>, req: &CreateReturn) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    if req.amount == 0 {
        return Err(ApiError::param("回退金额必须大于0", "/amount", "body"));
    }
    let mut state = ctx.shared.state();
    let ledger = &mut state.ledger;
    if let Some(existing) =
        ledger.returns.iter().find(|r| r.owner == owner && r.out_return_no == req.out_return_no)
    {
        if existing.request == *ctx.raw {
            return Ok(Reply::Json(existing.to_json()));
        }
        return Err(ApiError::invalid("商户回退单号重复，请核实回退参数"));
    }
    let share = ledger
        .shares
        .iter()
        .find(|s| {
            s.owner == owner
                && match &req.order {
                    OrderRef::OrderId(id) => s.order_id == *id,
                    OrderRef::OutOrderNo(no) => s.out_order_no == *no,
                    _ => false,
                }
        })
        .ok_or_else(|| ApiError::resource_not_exists("分账单不存在"))?;
    let received: u64 = share
        .lines
        .iter()
        .filter(|l| !l.unfreeze && l.kind == "MERCHANT_ID" && l.account == req.return_mchid)
        .map(|l| l.amount)
        .sum();
    if received == 0 {
        return Err(ApiError::invalid("回退商户号不是该分账单的商户分账接收方"));
    }
    let returned: u64 = ledger
        .returns
        .iter()
        .filter(|r| r.order_id == share.order_id && r.return_mchid == req.return_mchid)
        .map(|r| r.amount)
        .sum();
    if req.amount > received - returned.min(received) {
        return Err(ApiError::invalid("回退金额超过该接收方可回退金额"));
    }
    let record = ReturnRecord {
        owner,
        transaction_id: share.transaction_id.clone(),
        order_id: share.order_id.clone(),
        out_order_no: share.out_order_no.clone(),
        out_return_no: req.out_return_no.clone(),
        return_id: ledger.next_id("30"),
        return_mchid: req.return_mchid.clone(),
        amount: req.amount,
        description: req.description.clone(),
        time: util::unix_now(),
        request: ctx.raw.clone(),
    };
    let answer = record.to_json();
    ledger.returns.push(record);
    Ok(Reply::Json(answer))
}

fn query_return(ctx: &Ctx<'_>, req: &QueryReturn) -> Result<Reply, ApiError> {
    let owner = owner(ctx, req.sub_mchid.as_ref());
    let state = ctx.shared.state();
    state
        .ledger
        .returns
        .iter()
        .find(|r| {
            r.owner == owner
                && r.out_return_no == req.out_return_no
                && r.out_order_no == req.out_order_no
        })
        .map(|r| Reply::Json(r.to_json()))
        .ok_or_else(|| ApiError::resource_not_exists("记录不存在"))
}

fn unsplit_amount(ctx: &Ctx<'_>, req: &QueryUnsplitAmount) -> Result<Reply, ApiError> {
    let state = ctx.shared.state();
    // The path names no sub-merchant: any payment of this merchant.
    let payment = ledger::payments(&state)
        .into_iter()
        .find(|p| p.owner.mchid == ctx.mchid && p.transaction_id == req.transaction_id)
        .ok_or_else(|| ApiError::resource_not_exists("订单不存在"))?;
    let unsplit = state.ledger.unsplit(&payment);
    Ok(Reply::Json(json!({ "transaction_id": payment.transaction_id, "unsplit_amount": unsplit })))
}

/// Sends `PROFITSHARING.SUCCESS` for each receiver line, to the merchant's configured URL.
fn share_events(shared: &Arc<Shared>, order: &ShareOrder) {
    let Some(url) = shared.config.service_notify_url.clone() else { return };
    for line in order.lines.iter().filter(|l| !l.unfreeze) {
        notify::send(
            shared,
            Event {
                kind: "PROFITSHARING.SUCCESS",
                summary: "分账成功",
                url: url.clone(),
                resource: order.event_json(line),
            },
        );
    }
}
