//! `POST /v3/vehicle/transactions/parking`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    types::ValidationError,
    vehicle::{
        ParkingAmount, ParkingInfo, ParkingTransaction, TradeScene, YesNo, check_charge, check_id,
    },
};

/// Charges a parking (扣费受理, direct merchant).
///
/// `POST /v3/vehicle/transactions/parking`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/merchant/4012534352>
///
/// WeChat accepts the order and charges the user asynchronously; the payment result is sent
/// to `notify_url` (`TRANSACTION.*`). **Let the car out only once the answer's
/// `trade_state` is `ACCEPTED`**: WeChat leaves losses from releasing a car without it to
/// the merchant. `parking_info` must match what [`CreateParking`](crate::vehicle::parking::CreateParking)
/// declared (a `parking_id` is charged once).
#[endpoint(POST, "v3/vehicle/transactions/parking", response = ParkingTransaction)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ChargeParking {
    /// App ID (应用ID).
    pub appid: String,
    /// What is charged for (服务描述), shown in the bill, at most 128 characters.
    pub description: String,
    /// The merchant's data (附加数据), returned by the query and the payment notification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The merchant's order number (商户订单号): digits and letters, unique per merchant.
    pub out_trade_no: String,
    /// The scene (交易场景): `PARKING`, the default.
    #[builder(default = TradeScene::Parking)]
    pub trade_scene: TradeScene,
    /// Coupon tag (订单优惠标记), e.g. `WXG`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// Where WeChat sends the payment result (回调通知url).
    pub notify_url: String,
    /// Whether the payment is to be split (分账标识): `Y` or `N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<YesNo>,
    /// The amount (订单金额): `total` in fen, `currency` `CNY`.
    pub amount: ParkingAmount,
    /// The parking charged for (停车场景信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_info: Option<ParkingInfo>,
}

impl ChargeParking {
    /// Checks the documented lengths before sending: `appid`, `out_trade_no` and
    /// `goods_tag` at most 32 characters, `description` and `attach` at most 128, the
    /// parking's ids present, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("appid", &self.appid)?;
        check_charge(
            &self.description,
            self.attach.as_ref(),
            &self.out_trade_no,
            self.goods_tag.as_ref(),
            &self.notify_url,
            self.parking_info.as_ref(),
        )
    }
}

/// Charges a parking of sub-merchant `sub_mchid` (扣费受理, partner).
///
/// `POST /v3/vehicle/transactions/parking`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012534427>
///
/// The same path as [`ChargeParking`], with `sub_appid` (子商户应用ID, shown to the user
/// with the charge) and `sub_mchid` (子商户号), which must be the one the parking was
/// created with. Let the car out only once `trade_state` is `ACCEPTED`.
#[endpoint(POST, "v3/vehicle/transactions/parking", response = ParkingTransaction)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ChargePartnerParking {
    /// The service provider's app ID (应用ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户应用ID).
    pub sub_appid: String,
    /// The sub-merchant (子商户号).
    pub sub_mchid: String,
    /// What is charged for (服务描述), at most 128 characters.
    pub description: String,
    /// The merchant's data (附加数据).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The merchant's order number (商户订单号).
    pub out_trade_no: String,
    /// The scene (交易场景): `PARKING`, the default.
    #[builder(default = TradeScene::Parking)]
    pub trade_scene: TradeScene,
    /// Coupon tag (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// Where WeChat sends the payment result (回调通知url).
    pub notify_url: String,
    /// Whether the payment is to be split (分账标识): `Y` or `N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<YesNo>,
    /// The amount (订单金额).
    pub amount: ParkingAmount,
    /// The parking charged for (停车场景信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_info: Option<ParkingInfo>,
}

impl ChargePartnerParking {
    /// Checks before sending: `sub_appid` and `sub_mchid` at most 32 characters, then as
    /// [`ChargeParking::validate`].
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("appid", &self.appid)?;
        check_id("sub_appid", &self.sub_appid)?;
        check_id("sub_mchid", &self.sub_mchid)?;
        check_charge(
            &self.description,
            self.attach.as_ref(),
            &self.out_trade_no,
            self.goods_tag.as_ref(),
            &self.notify_url,
            self.parking_info.as_ref(),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount,
        test_support::{assert_request, client, prepare, signed_response},
        vehicle::{ParkingTradeState, PlateColor, tests::PARTNER_TRANSACTION},
    };

    fn parking_info() -> ParkingInfo {
        ParkingInfo::builder()
            .parking_id("5K8264ILTKCH16CQ250")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .start_time("2017-08-26T10:43:39+08:00".parse().unwrap())
            .end_time("2017-08-26T11:43:39+08:00".parse().unwrap())
            .parking_name("欢乐海岸停车场")
            .charging_duration(3600)
            .device_id("12313")
            .build()
    }

    const INFO_JSON: &str = r#""parking_info":{"parking_id":"5K8264ILTKCH16CQ250","plate_number":"粤B888888","plate_color":"BLUE","start_time":"2017-08-26T10:43:39+08:00","end_time":"2017-08-26T11:43:39+08:00","parking_name":"欢乐海岸停车场","charging_duration":3600,"device_id":"12313"}"#;

    fn direct() -> ChargeParking {
        ChargeParking::builder()
            .appid("wxcbda96de0b165486")
            .description("停车场扣费")
            .attach("深圳分店")
            .out_trade_no("20150806125346")
            .goods_tag("WXG")
            .notify_url("https://yoursite.com/wxpay.html")
            .profit_sharing(YesNo::Yes)
            .amount(ParkingAmount::builder().total(Amount::fen(888)).currency("CNY").build())
            .parking_info(parking_info())
            .build()
    }

    #[test]
    fn prepares_the_direct_request() {
        assert_request(
            &direct(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/vehicle/transactions/parking",
            &format!(
                r#"{{"appid":"wxcbda96de0b165486","description":"停车场扣费","attach":"深圳分店","out_trade_no":"20150806125346","trade_scene":"PARKING","goods_tag":"WXG","notify_url":"https://yoursite.com/wxpay.html","profit_sharing":"Y","amount":{{"total":888,"currency":"CNY"}},{INFO_JSON}}}"#
            ),
        );
        let decoded: ChargeParking = serde_json::from_slice(prepare(&direct()).body()).unwrap();
        assert_eq!(decoded, direct());
    }

    #[test]
    fn validate_checks_the_documented_lengths() {
        assert_eq!(direct().validate(), Ok(()));
        let mut bad = direct();
        bad.description = "停".repeat(129);
        assert_eq!(
            bad.validate(),
            Err(ValidationError::TooLong { field: "description".into(), max: 128, len: 129 })
        );
        let mut bad = direct();
        bad.out_trade_no = "1".repeat(33);
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 32, .. })));
        let mut bad = direct();
        bad.parking_info.as_mut().unwrap().device_id = String::new();
        assert_eq!(
            bad.validate(),
            Err(ValidationError::Missing { field: "parking_info.device_id".into() })
        );
    }

    #[test]
    fn prepares_the_partner_request() {
        let partner = ChargePartnerParking::builder()
            .appid("wxcbda96de0b165486")
            .sub_appid("wxcbda96de0b165489")
            .sub_mchid("1900000109")
            .description("停车场扣费")
            .out_trade_no("20150806125346")
            .notify_url("https://yoursite.com/wxpay.html")
            .amount(ParkingAmount::builder().total(Amount::fen(888)).build())
            .parking_info(parking_info())
            .build();
        assert_request(
            &partner,
            "POST",
            "https://api.mch.weixin.qq.com/v3/vehicle/transactions/parking",
            &format!(
                r#"{{"appid":"wxcbda96de0b165486","sub_appid":"wxcbda96de0b165489","sub_mchid":"1900000109","description":"停车场扣费","out_trade_no":"20150806125346","trade_scene":"PARKING","notify_url":"https://yoursite.com/wxpay.html","amount":{{"total":888}},{INFO_JSON}}}"#
            ),
        );
        assert_eq!(partner.validate(), Ok(()));
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        let accepted = PARTNER_TRANSACTION.replace("\"SUCCESS\"", "\"ACCEPTED\"");
        client.transport().push_response(signed_response(200, &accepted));
        let charge = direct().execute(&client).await.unwrap();
        assert_eq!(charge.trade_state, ParkingTradeState::Accepted);
        assert_eq!(charge.out_trade_no, "20150806125346");
        assert_eq!(
            client.transport().requests()[0].uri().path(),
            "/v3/vehicle/transactions/parking"
        );
    }
}
