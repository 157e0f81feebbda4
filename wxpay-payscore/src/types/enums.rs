//! WeChat's enumerated string values. Each has an `Unknown(String)` variant so that a value
//! added by WeChat later still decodes (and serializes back unchanged).

use crate::types::string_enum;

string_enum! {
    /// The state of a service order (`state`, protocol §9.1). Read it together with
    /// [`StateDescription`] and the collection state.
    pub enum ServiceOrderState {
        /// `CREATED`: created, waiting for the user to confirm (需确认 mode). Cancel or query.
        /// Expires after 30 days without change.
        Created = "CREATED",
        /// `DOING`: confirmed, the service is running (or completed and being charged; see
        /// [`StateDescription`]).
        Doing = "DOING",
        /// `DONE`: paid. Terminal.
        Done = "DONE",
        /// `REVOKED`: cancelled by the merchant. Terminal.
        Revoked = "REVOKED",
        /// `EXPIRED`: 30 days in `CREATED` without change. Terminal.
        Expired = "EXPIRED",
    }
}

string_enum! {
    /// What a `DOING` order is doing (`state_description`).
    pub enum StateDescription {
        /// `USER_CONFIRM`: the user confirmed; the service is running. Complete or cancel.
        UserConfirm = "USER_CONFIRM",
        /// `MCH_COMPLETE`: the merchant completed the order; WeChat is charging the user.
        /// Modify (decrease only), sync or query.
        MchComplete = "MCH_COMPLETE",
    }
}

string_enum! {
    /// The state of the payment for a completed order (`collection.state`).
    pub enum CollectionState {
        /// `USER_PAYING`: waiting for payment; WeChat keeps trying to charge.
        UserPaying = "USER_PAYING",
        /// `USER_PAID`: paid.
        UserPaid = "USER_PAID",
    }
}

string_enum! {
    /// How one payment of an order was collected (`collection.details[].paid_type`).
    pub enum PaidType {
        /// `NEWTON`: charged by PayScore (微信支付分代扣).
        Newton = "NEWTON",
        /// `MCH`: paid through the merchant's own channel and synced with `sync`.
        Mch = "MCH",
    }
}

string_enum! {
    /// The risk model of a service (`risk_fund.name`, protocol §9.1).
    pub enum RiskFundName {
        /// `DEPOSIT`: deposit (押金), 先免 model.
        Deposit = "DEPOSIT",
        /// `ADVANCE`: advance payment (预付款), 先免 model.
        Advance = "ADVANCE",
        /// `CASH_DEPOSIT`: security deposit (保证金), 先免 model.
        CashDeposit = "CASH_DEPOSIT",
        /// `ESTIMATE_ORDER_COST`: estimated order cost (预估订单费用), 先享 model.
        EstimateOrderCost = "ESTIMATE_ORDER_COST",
    }
}

string_enum! {
    /// The kind of information a `sync` call reports (`type`).
    pub enum SyncType {
        /// `Order_Paid`: the user paid the order through the merchant's own channel.
        OrderPaid = "Order_Paid",
    }
}

string_enum! {
    /// The scope of a coupon used in a payment (`promotion_detail[].scope`).
    pub enum PromotionScope {
        /// `GLOBAL`: applies to the whole order.
        Global = "GLOBAL",
        /// `SINGLE`: applies to single goods.
        Single = "SINGLE",
    }
}

string_enum! {
    /// The kind of coupon used in a payment (`promotion_detail[].type`).
    pub enum PromotionType {
        /// `CASH`: a pre-funded coupon.
        Cash = "CASH",
        /// `NOCASH`: a coupon without pre-funding.
        NoCash = "NOCASH",
    }
}

string_enum! {
    /// The authorization event of a notification (`user_service_status`).
    pub enum UserServiceStatus {
        /// `USER_OPEN_SERVICE`: the user authorized the service.
        UserOpenService = "USER_OPEN_SERVICE",
        /// `USER_CLOSE_SERVICE`: the user revoked the authorization.
        UserCloseService = "USER_CLOSE_SERVICE",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn known_values_round_trip() {
        let cases = [
            (serde_json::to_value(ServiceOrderState::Doing).unwrap(), "DOING"),
            (serde_json::to_value(StateDescription::MchComplete).unwrap(), "MCH_COMPLETE"),
            (serde_json::to_value(CollectionState::UserPaid).unwrap(), "USER_PAID"),
            (serde_json::to_value(PaidType::Newton).unwrap(), "NEWTON"),
            (serde_json::to_value(RiskFundName::EstimateOrderCost).unwrap(), "ESTIMATE_ORDER_COST"),
            (serde_json::to_value(SyncType::OrderPaid).unwrap(), "Order_Paid"),
            (serde_json::to_value(PromotionScope::Single).unwrap(), "SINGLE"),
            (serde_json::to_value(PromotionType::NoCash).unwrap(), "NOCASH"),
            (
                serde_json::to_value(UserServiceStatus::UserCloseService).unwrap(),
                "USER_CLOSE_SERVICE",
            ),
        ];
        for (value, wire) in cases {
            assert_eq!(value, serde_json::Value::from(wire));
        }
        for state in ["CREATED", "DOING", "DONE", "REVOKED", "EXPIRED"] {
            let parsed: ServiceOrderState = serde_json::from_value(state.into()).unwrap();
            assert!(!matches!(parsed, ServiceOrderState::Unknown(_)), "{state}");
            assert_eq!(parsed.as_str(), state);
        }
        assert_eq!("Order_Paid".parse::<SyncType>(), Ok(SyncType::OrderPaid));
        assert_eq!(RiskFundName::from("DEPOSIT"), RiskFundName::Deposit);
    }

    #[test]
    fn unknown_values_round_trip() {
        let state: ServiceOrderState = serde_json::from_str("\"PAUSED\"").unwrap();
        assert_eq!(state, ServiceOrderState::Unknown("PAUSED".into()));
        assert_eq!(state.as_str(), "PAUSED");
        assert_eq!(state.to_string(), "PAUSED");
        assert_eq!(serde_json::to_string(&state).unwrap(), "\"PAUSED\"");

        // Case matters: WeChat's values are exact.
        assert_eq!(SyncType::from("ORDER_PAID"), SyncType::Unknown("ORDER_PAID".into()));
        assert_eq!(RiskFundName::from(String::from("DEPOSIT_V2")).as_str(), "DEPOSIT_V2");
        let name: RiskFundName = serde_json::from_str("\"\"").unwrap();
        assert_eq!(name, RiskFundName::Unknown(String::new()));
        assert!(serde_json::from_str::<PaidType>("1").is_err());
    }
}
