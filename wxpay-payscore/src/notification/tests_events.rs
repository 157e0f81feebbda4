//! Decode tests of the events beyond service orders and authorization: acquiring-institution
//! prepay, service-account applications, sign plans, the 校园轻松付 authorization fields and
//! PayScore parking. The payloads follow the examples on WeChat's notification pages.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::{Amount, UserServiceStatus};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
const PLATE: &str = "粤B888888";

#[test]
fn decodes_mch_prepay() {
    let plaintext = r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787",
        "mchid":"1230000109","sub_mchid":"1900000109","channel_id":"1000000001",
        "out_order_no":"1234323JKHDFE1243252","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "total_amount":39900,
        "prepay_req_body":{"appid":"wxd678efh567hg6787","mchid":"1230000109","sub_mchid":"1900000109",
            "nonce_str":"5K8264ILTKCH16CQ2502SI8ZNMTM67VS","body":"XX充电宝","fee_type":"CNY",
            "time_start":"20091225091010","time_expire":"20091227091010",
            "notify_url":"https://api.example.com/notify","trade_type":"JSAPI",
            "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
        "prepay_resp_http_code":200,"prepay_resp_body_base64":"e30="}"#;
    let event = PayScoreEvent::from_parts(MCH_PREPAY, plaintext.as_bytes()).unwrap();
    let PayScoreEvent::MchPrepay(prepay) = &event else { panic!("{event:?}") };
    assert_eq!(prepay.out_order_no.as_str(), "1234323JKHDFE1243252");
    assert_eq!(prepay.total_amount, Amount::fen(39_900));
    assert_eq!(prepay.prepay_req_body.trade_type.as_deref(), Some("JSAPI"));
    assert_eq!(prepay.prepay_resp_http_code, Some(200));
    assert_eq!(event.sub_mchid(), Some("1900000109"));
    assert_eq!(event.event_type(), MCH_PREPAY);
    let debug = format!("{event:?}");
    assert!(!debug.contains(OPENID), "{debug}");
}

#[test]
fn decodes_bind_service_account() {
    let plaintext = r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787",
        "mchid":"1230000109","sub_mchid":"1900000109","out_apply_no":"APPLY-20230101-1",
        "apply_state":"REJECTED","reject_reason":"服务账号主体与子商户不一致"}"#;
    let event = PayScoreEvent::from_parts(BIND_SERVICE_ACCOUNT, plaintext.as_bytes()).unwrap();
    let PayScoreEvent::BindServiceAccount(apply) = &event else { panic!("{event:?}") };
    assert_eq!(apply.out_apply_no, "APPLY-20230101-1");
    assert_eq!(apply.apply_state, "REJECTED");
    assert_eq!(apply.reject_reason.as_deref(), Some("服务账号主体与子商户不一致"));
    assert_eq!(event.sub_mchid(), Some("1900000109"));
}

const SIGN_PLAN_PLAINTEXT: &str = r#"{"sign_plan_id":"1000000000","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    "service_id":"2002000000000558128851361561536","mchid":"1230000109","appid":"wxd678efh567hg6787",
    "merchant_sign_plan_no":"1234323JKHDFE1243252","merchant_callback_url":"https://api.example.com/notify",
    "plan_id":"2000000000","going_detail_no":0,"sign_state":"SIGNED","plan_name":"健身卡",
    "plan_over_time":"2023-10-12T16:54:38+08:00","total_origin_price":10000,"deduction_quantity":2,
    "total_actual_price":9000,"sign_time":"2022-10-12T16:54:38+08:00",
    "signed_detail_list":[
        {"plan_detail_no":1,"original_price":5000,"plan_discount_description":"首次九折",
         "actual_price":4500,"plan_detail_state":"NOT_USED","merchant_plan_detail_no":"DETAIL-1",
         "plan_detail_name":"第一次"},
        {"plan_detail_no":2,"original_price":5000,"actual_price":4500,"plan_detail_state":"USING",
         "order_id":"15646546545165651651","merchant_plan_detail_no":"DETAIL-2","plan_detail_name":"第二次",
         "use_time":"2022-11-12T16:54:38+08:00"}]}"#;

#[test]
fn decodes_sign_plan_events() {
    let event = PayScoreEvent::from_parts(USER_SIGN_PLAN, SIGN_PLAN_PLAINTEXT.as_bytes()).unwrap();
    let PayScoreEvent::UserSignPlan(plan) = &event else { panic!("{event:?}") };
    assert_eq!(plan.sign_plan_id, "1000000000");
    assert_eq!(plan.sign_state, Some(SignPlanState::Signed));
    assert_eq!(plan.total_actual_price, Some(Amount::fen(9_000)));
    assert_eq!(plan.signed_detail_list.len(), 2);
    assert_eq!(plan.signed_detail_list[1].plan_detail_state, PlanDetailState::Using);
    assert_eq!(plan.signed_detail_list[1].order_id.as_deref(), Some("15646546545165651651"));
    assert!(!format!("{event:?}").contains(OPENID));

    let cancelled = SIGN_PLAN_PLAINTEXT.replace(
        r#""sign_state":"SIGNED""#,
        r#""sign_state":"UNSIGNED","cancel_sign_time":"2022-12-12T16:54:38+08:00",
            "cancel_sign_type":"REVOKE_SERVICE","cancel_reason":"用户解除授权""#,
    );
    let event = PayScoreEvent::from_parts(USER_CANCEL_SIGN_PLAN, cancelled.as_bytes()).unwrap();
    let PayScoreEvent::UserCancelSignPlan(plan) = &event else { panic!("{event:?}") };
    assert_eq!(plan.cancel_sign_type, Some(CancelSignType::RevokeService));
    assert_eq!(plan.cancel_reason.as_deref(), Some("用户解除授权"));
    assert_eq!(event.event_type(), USER_CANCEL_SIGN_PLAN);
    // The states WeChat documents for the query decode too.
    for (wire, state) in [
        ("SIGN_PLAN_CANCEL", SignPlanState::SignPlanCancel),
        ("COMPLETE", SignPlanState::Complete),
        ("EXPIRE", SignPlanState::Expire),
    ] {
        let text = SIGN_PLAN_PLAINTEXT
            .replace(r#""sign_state":"SIGNED""#, &format!(r#""sign_state":"{wire}""#));
        let event = PayScoreEvent::from_parts(USER_CANCEL_SIGN_PLAN, text.as_bytes()).unwrap();
        let PayScoreEvent::UserCancelSignPlan(plan) = &event else { panic!("{event:?}") };
        assert_eq!(plan.sign_state, Some(state));
    }

    // A state WeChat adds later is kept, not an error.
    let later = SIGN_PLAN_PLAINTEXT.replace("NOT_USED", "SOMETHING_NEW");
    let event = PayScoreEvent::from_parts(USER_SIGN_PLAN, later.as_bytes()).unwrap();
    let PayScoreEvent::UserSignPlan(plan) = &event else { panic!("{event:?}") };
    assert_eq!(plan.signed_detail_list[0].plan_detail_state.as_str(), "SOMETHING_NEW");
}

#[test]
fn the_campus_variant_of_user_open_service_keeps_its_contract_fields() {
    // 校园轻松付 adds contract_id, plan_id, contract_status and out_contract_code.
    let plaintext = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","service_id":"500001",
        "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","user_service_status":"USER_OPEN_SERVICE",
        "openorclose_time":"20180225112233","out_request_no":"1234323JKHDFE1243252",
        "contract_id":"202301010000001","plan_id":"128","contract_status":"NORMAL",
        "out_contract_code":"CAMPUS-1","some_future_field":{"x":1}}"#;
    let event = PayScoreEvent::from_parts(USER_OPEN_SERVICE, plaintext.as_bytes()).unwrap();
    let PayScoreEvent::UserOpenService(auth) = &event else { panic!("{event:?}") };
    assert_eq!(auth.user_service_status, UserServiceStatus::UserOpenService);
    assert_eq!(auth.contract_id.as_deref(), Some("202301010000001"));
    assert_eq!(auth.plan_id.as_deref(), Some("128"));
    assert_eq!(auth.contract_status.as_deref(), Some("NORMAL"));
    assert_eq!(auth.out_contract_code.as_deref(), Some("CAMPUS-1"));
}

const ENTRANCE_PLAINTEXT: &str = r#"{"sp_mchid":"1230000109","sub_mchid":"1900000109",
    "parking_id":"5K8264ILTKCH16CQ250","out_parking_no":"1231243","plate_number":"粤B888888",
    "plate_color":"BLUE","start_time":"2017-08-26T10:43:39+08:00","parking_name":"欢乐海岸停车场",
    "free_duration":3600,"parking_state":"BLOCKED","blocked_state_description":"OVERDUE",
    "state_update_time":"2017-08-26T10:43:39+08:00"}"#;

const PARKING_TRANSACTION_PLAINTEXT: &str = r#"{"sp_appid":"wxd678efh567hg6787","sp_mchid":"1230000109",
    "sub_mchid":"1900000109","out_trade_no":"20150806125346","transaction_id":"1217752501201407033233368018",
    "description":"停车场扣费","create_time":"2017-08-26T10:43:39+08:00","trade_state":"SUCCESS",
    "trade_state_description":"支付成功","success_time":"2017-08-26T10:43:39+08:00","bank_type":"CMC",
    "user_repaid":"Y","attach":"深圳分店","trade_scene":"PARKING",
    "parking_info":{"parking_id":"5K8264ILTKCH16CQ250","plate_number":"粤B888888","plate_color":"BLUE",
        "start_time":"2017-08-26T10:43:39+08:00","end_time":"2017-08-26T12:43:39+08:00",
        "parking_name":"欢乐海岸停车场","charging_duration":7200,"device_id":"12313"},
    "payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
    "amount":{"total":888,"currency":"CNY","payer_total":800,"discount_total":88}}"#;

#[test]
fn decodes_parking_entrance_state_change() {
    let event =
        ParkingEvent::from_parts(parking::ENTRANCE_STATE_CHANGE, ENTRANCE_PLAINTEXT.as_bytes())
            .unwrap();
    let ParkingEvent::EntranceStateChange(entrance) = &event else { panic!("{event:?}") };
    assert_eq!(entrance.parking_state, ParkingState::Blocked);
    assert_eq!(entrance.blocked_state_description, Some(BlockedStateDescription::Overdue));
    assert_eq!(entrance.plate_color, PlateColor::Blue);
    assert_eq!(entrance.free_duration, 3600);
    assert_eq!(event.sub_mchid(), Some("1900000109"));
    let debug = format!("{event:?}");
    assert!(!debug.contains(PLATE), "the plate number is personal data: {debug}");
}

#[test]
fn decodes_parking_transactions() {
    for (event_type, state) in [
        (parking::TRANSACTION_SUCCESS, "SUCCESS"),
        (parking::TRANSACTION_FAIL, "PAY_FAIL"),
        (parking::TRANSACTION_PAY_BACK, "SUCCESS"),
    ] {
        let plaintext = PARKING_TRANSACTION_PLAINTEXT
            .replace(r#""trade_state":"SUCCESS""#, &format!(r#""trade_state":"{state}""#));
        let event = ParkingEvent::from_parts(event_type, plaintext.as_bytes()).unwrap();
        assert_eq!(event.event_type(), event_type);
        let (ParkingEvent::TransactionSuccess(t)
        | ParkingEvent::TransactionFail(t)
        | ParkingEvent::TransactionPayBack(t)) = &event
        else {
            panic!("{event:?}")
        };
        assert_eq!(t.trade_state.as_str(), state);
        assert_eq!(t.out_trade_no, "20150806125346");
        let amount = t.amount.as_ref().unwrap();
        assert_eq!(amount.total, Some(Amount::fen(888)));
        assert_eq!(amount.payer_total, Some(Amount::fen(800)));
        assert_eq!(t.parking_info.as_ref().unwrap().charging_duration, Some(7200));
        let debug = format!("{event:?}");
        assert!(!debug.contains(PLATE) && !debug.contains(OPENID), "{debug}");
    }
    assert!(matches!(
        ParkingEvent::from_parts("VEHICLE.SOMETHING_NEW", br#"{"plate_number":"x"}"#).unwrap(),
        ParkingEvent::Other { .. }
    ));
    let err = ParkingEvent::from_parts(parking::TRANSACTION_SUCCESS, br#"{"out_trade_no":1}"#)
        .unwrap_err();
    assert!(err.to_string().contains("out_trade_no"), "{err}");
}
