//! What the simulator remembers about the money after an order: the payments refunds and
//! profit sharing draw on, refunds, profit-sharing orders, returns and receivers.
//!
//! A payment is a PayScore `collection.details[]` entry with a `transaction_id`; it was made
//! for profit sharing when the order was completed with `profit_sharing: true`. The
//! simulator names a payment's `out_trade_no` after its order's `out_order_no`.
//!
//! WeChat's money rules: refunds of one payment add up to at most what was paid; money that
//! sits with profit-sharing receivers is not refundable until it is returned; a split takes
//! at most the unsplit (still frozen) amount, and nothing after an unfreeze.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};
use wxpay_core::sensitive::Sensitive;

use crate::{
    state::{Owner, State},
    util,
};

/// A paid amount that can be refunded or shared.
#[derive(Clone, Debug)]
pub(crate) struct Payment {
    pub(crate) owner: Owner,
    pub(crate) transaction_id: String,
    pub(crate) out_trade_no: String,
    pub(crate) amount: u64,
    pub(crate) profit_sharing: bool,
}

/// Every payment with a `transaction_id` of the simulator's orders.
pub(crate) fn payments(state: &State) -> Vec<Payment> {
    let mut out = Vec::new();
    for order in state.all_orders() {
        let Some(collection) = &order.collection else { continue };
        let flag = |request: Option<&Value>| {
            request.and_then(|r| r.get("profit_sharing")).and_then(Value::as_bool) == Some(true)
        };
        let profit_sharing =
            flag(order.complete_request.as_ref()) || flag(Some(&order.create_request));
        for detail in &collection.details {
            let Some(id) = detail.get("transaction_id").and_then(Value::as_str) else { continue };
            out.push(Payment {
                owner: order.owner.clone(),
                transaction_id: id.to_owned(),
                out_trade_no: order.out_order_no.clone(),
                amount: detail.get("amount").and_then(Value::as_u64).unwrap_or(0),
                profit_sharing,
            });
        }
    }
    out
}

/// A refund (退款单).
#[derive(Clone, Debug)]
pub(crate) struct RefundRecord {
    pub(crate) owner: Owner,
    pub(crate) refund_id: String,
    pub(crate) out_refund_no: String,
    pub(crate) transaction_id: String,
    pub(crate) out_trade_no: String,
    pub(crate) total: u64,
    pub(crate) refund: u64,
    /// `SUCCESS`, `PROCESSING`, `ABNORMAL` or `CLOSED`.
    pub(crate) status: &'static str,
    pub(crate) channel: &'static str,
    pub(crate) funds_account: Option<String>,
    pub(crate) create_time: i64,
    pub(crate) success_time: Option<i64>,
    pub(crate) notify_url: Option<String>,
    /// The create parameters as received, for repeated calls.
    pub(crate) request: Value,
}

impl RefundRecord {
    fn received_account(&self) -> &'static str {
        match self.channel {
            "OTHER_BANKCARD" => "异常退款银行卡",
            _ => "支付用户零钱",
        }
    }

    /// The refund entity of the create, query and abnormal-refund answers.
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("refund_id".into(), json!(self.refund_id));
        map.insert("out_refund_no".into(), json!(self.out_refund_no));
        map.insert("transaction_id".into(), json!(self.transaction_id));
        map.insert("out_trade_no".into(), json!(self.out_trade_no));
        map.insert("channel".into(), json!(self.channel));
        map.insert("user_received_account".into(), json!(self.received_account()));
        if let Some(t) = self.success_time {
            map.insert("success_time".into(), json!(util::rfc3339(t)));
        }
        map.insert("create_time".into(), json!(util::rfc3339(self.create_time)));
        map.insert("status".into(), json!(self.status));
        map.insert(
            "funds_account".into(),
            json!(self.funds_account.as_deref().unwrap_or("UNSETTLED")),
        );
        map.insert(
            "amount".into(),
            json!({
                "total": self.total, "refund": self.refund, "payer_total": self.total,
                "payer_refund": self.refund, "settlement_refund": self.refund,
                "settlement_total": self.total, "discount_refund": 0, "currency": "CNY",
            }),
        );
        map.insert("promotion_detail".into(), json!([]));
        Value::Object(map)
    }

    /// The decrypted resource of its `REFUND.*` notification.
    pub(crate) fn event_json(&self) -> Value {
        let mut map = Map::new();
        match &self.owner.sub_mchid {
            Some(sub) => {
                map.insert("sp_mchid".into(), json!(self.owner.mchid));
                map.insert("sub_mchid".into(), json!(sub));
            }
            None => {
                map.insert("mchid".into(), json!(self.owner.mchid));
            }
        }
        for key in ["out_trade_no", "transaction_id", "out_refund_no", "refund_id"] {
            if let Some(v) = self.to_json().get(key) {
                map.insert(key.into(), v.clone());
            }
        }
        map.insert("refund_status".into(), json!(self.status));
        if let Some(t) = self.success_time {
            map.insert("success_time".into(), json!(util::rfc3339(t)));
        }
        map.insert("user_received_account".into(), json!(self.received_account()));
        map.insert(
            "amount".into(),
            json!({"total": self.total, "refund": self.refund, "payer_total": self.total, "payer_refund": self.refund}),
        );
        Value::Object(map)
    }
}

/// One receiver line of a profit-sharing order.
#[derive(Clone, Debug)]
pub(crate) struct ShareLine {
    pub(crate) kind: String,
    pub(crate) account: String,
    pub(crate) amount: u64,
    pub(crate) description: String,
    pub(crate) detail_id: String,
    /// The line that releases the rest to the sharing merchant (unfreeze).
    pub(crate) unfreeze: bool,
}

/// A profit-sharing order (分账单), split or unfreeze.
#[derive(Clone, Debug)]
pub(crate) struct ShareOrder {
    pub(crate) owner: Owner,
    pub(crate) transaction_id: String,
    pub(crate) out_order_no: String,
    pub(crate) order_id: String,
    pub(crate) lines: Vec<ShareLine>,
    pub(crate) time: i64,
    pub(crate) request: Value,
}

impl ShareOrder {
    /// The order entity; `processing` gives the first answer (`PROCESSING`, lines `PENDING`).
    pub(crate) fn to_json(&self, processing: bool) -> Value {
        let receivers: Vec<Value> = self
            .lines
            .iter()
            .map(|line| {
                json!({
                    "amount": line.amount, "description": line.description, "type": line.kind,
                    "account": line.account, "result": if processing { "PENDING" } else { "SUCCESS" },
                    "detail_id": line.detail_id, "create_time": util::rfc3339(self.time),
                    "finish_time": util::rfc3339(self.time),
                })
            })
            .collect();
        let mut map = Map::new();
        if let Some(sub) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub));
        }
        map.insert("transaction_id".into(), json!(self.transaction_id));
        map.insert("out_order_no".into(), json!(self.out_order_no));
        map.insert("order_id".into(), json!(self.order_id));
        map.insert("state".into(), json!(if processing { "PROCESSING" } else { "FINISHED" }));
        map.insert("receivers".into(), Value::Array(receivers));
        Value::Object(map)
    }

    /// The decrypted resource of the `PROFITSHARING.SUCCESS` notification of `line`.
    pub(crate) fn event_json(&self, line: &ShareLine) -> Value {
        let mut map = Map::new();
        match &self.owner.sub_mchid {
            Some(sub) => {
                map.insert("sp_mchid".into(), json!(self.owner.mchid));
                map.insert("sub_mchid".into(), json!(sub));
            }
            None => {
                map.insert("mchid".into(), json!(self.owner.mchid));
            }
        }
        map.insert("transaction_id".into(), json!(self.transaction_id));
        map.insert("order_id".into(), json!(self.order_id));
        map.insert("out_order_no".into(), json!(self.out_order_no));
        map.insert(
            "receiver".into(),
            json!({"type": line.kind, "account": line.account, "amount": line.amount, "description": line.description}),
        );
        map.insert("success_time".into(), json!(util::rfc3339(self.time)));
        Value::Object(map)
    }
}

/// A return (分账回退单).
#[derive(Clone, Debug)]
pub(crate) struct ReturnRecord {
    pub(crate) owner: Owner,
    pub(crate) transaction_id: String,
    pub(crate) order_id: String,
    pub(crate) out_order_no: String,
    pub(crate) out_return_no: String,
    pub(crate) return_id: String,
    pub(crate) return_mchid: String,
    pub(crate) amount: u64,
    pub(crate) description: String,
    pub(crate) time: i64,
    pub(crate) request: Value,
}

impl ReturnRecord {
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        if let Some(sub) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub));
        }
        map.insert("order_id".into(), json!(self.order_id));
        map.insert("out_order_no".into(), json!(self.out_order_no));
        map.insert("out_return_no".into(), json!(self.out_return_no));
        map.insert("return_id".into(), json!(self.return_id));
        map.insert("return_mchid".into(), json!(self.return_mchid));
        map.insert("amount".into(), json!(self.amount));
        map.insert("description".into(), json!(self.description));
        map.insert("result".into(), json!("SUCCESS"));
        map.insert("create_time".into(), json!(util::rfc3339(self.time)));
        map.insert("finish_time".into(), json!(util::rfc3339(self.time)));
        Value::Object(map)
    }
}

/// An added profit-sharing receiver; `name` is the decrypted name (redacted in `Debug`).
#[derive(Clone, Debug)]
pub(crate) struct ReceiverRecord {
    pub(crate) owner: Owner,
    pub(crate) kind: String,
    pub(crate) account: String,
    pub(crate) name: Option<Sensitive>,
}

/// Refunds and profit sharing.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    pub(crate) refunds: Vec<RefundRecord>,
    pub(crate) shares: Vec<ShareOrder>,
    pub(crate) returns: Vec<ReturnRecord>,
    pub(crate) receivers: Vec<ReceiverRecord>,
    /// Payments whose unsplit rest was released (`transaction_id`s).
    pub(crate) unfrozen: BTreeSet<String>,
    seq: u64,
}

impl Ledger {
    /// A fresh WeChat-side number: `prefix`, the time, a sequence number.
    pub(crate) fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!(
            "{prefix}{}{}{:06}",
            util::service_time(util::unix_now()),
            util::random_digits(6),
            self.seq
        )
    }

    /// What was refunded of `transaction_id` (refunds not closed).
    pub(crate) fn refunded(&self, transaction_id: &str) -> u64 {
        self.refunds
            .iter()
            .filter(|r| r.transaction_id == transaction_id && r.status != "CLOSED")
            .map(|r| r.refund)
            .sum()
    }

    /// What receivers hold of `transaction_id`: shared, less what they returned.
    pub(crate) fn with_receivers(&self, transaction_id: &str) -> u64 {
        let shared: u64 = self
            .shares
            .iter()
            .filter(|s| s.transaction_id == transaction_id)
            .flat_map(|s| s.lines.iter().filter(|l| !l.unfreeze))
            .map(|l| l.amount)
            .sum();
        let returned: u64 = self
            .returns
            .iter()
            .filter(|r| r.transaction_id == transaction_id)
            .map(|r| r.amount)
            .sum();
        shared.saturating_sub(returned)
    }

    /// What is still frozen for sharing of `payment` (剩余待分金额).
    pub(crate) fn unsplit(&self, payment: &Payment) -> u64 {
        if !payment.profit_sharing || self.unfrozen.contains(&payment.transaction_id) {
            return 0;
        }
        let shared: u64 = self
            .shares
            .iter()
            .filter(|s| s.transaction_id == payment.transaction_id)
            .flat_map(|s| s.lines.iter())
            .map(|l| l.amount)
            .sum();
        payment.amount.saturating_sub(shared + self.refunded(&payment.transaction_id))
    }

    /// What of `payment` can still be refunded: paid, less refunds, less what receivers hold.
    pub(crate) fn refundable(&self, payment: &Payment) -> u64 {
        payment.amount.saturating_sub(
            self.refunded(&payment.transaction_id) + self.with_receivers(&payment.transaction_id),
        )
    }
}
