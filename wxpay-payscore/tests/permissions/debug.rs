//! Personal data stays out of `Debug` output.

use super::*;

// ---------------------------------------------------------------------------------------
// Personal data stays out of Debug output

#[test]
fn debug_output_redacts_openids() {
    let outputs = [
        format!(
            "{:?}",
            QueryPermissionsByOpenid::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePermissionsByOpenid::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            QueryUserServiceState::builder()
                .appid(APPID)
                .service_id(SERVICE_ID)
                .openid(OPENID)
                .build()
        ),
        format!(
            "{:?}",
            TerminateUserPermissions::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessUserRiskLevel::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(UserLookup::Openid(OPENID.to_owned()))
                .build()
        ),
        format!(
            "{:?}",
            QueryPartnerPermissionsByOpenid::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .user(UserIdentity::SubOpenid(OPENID.to_owned()))
                .build()
        ),
        format!(
            "{:?}",
            TerminatePartnerPermissionsByOpenid::builder()
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .appid(APPID)
                .user(UserIdentity::Openid(OPENID.to_owned()))
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessPartnerUserRiskLevel::builder()
                .sub_mchid(SUB_MCHID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(PartnerUserLookup::SubOpenid(OPENID.to_owned()))
                .build()
        ),
        format!("{:?}", {
            let mut record =
                AuthorizationRecord::builder()
                    .service_id(SERVICE_ID)
                    .appid(APPID)
                    .mchid(MCHID)
                    .authorization_state(AuthorizationState::Available)
                    .build();
            record.openid = Some(OPENID.to_owned());
            record.sub_openid = Some(OPENID.to_owned());
            UserRiskAssessment::builder().record(record).build()
        }),
        format!(
            "{:?}",
            serde_json::from_str::<UserServiceState>(
                r#"{"appid":"a","service_id":"s","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","use_service_state":"AVAILABLE"}"#
            )
            .unwrap()
        ),
    ];
    for output in outputs {
        assert!(!output.contains(OPENID), "openid leaked: {output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
    let record = AuthorizationRecord::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .mchid(MCHID)
        .authorization_state(AuthorizationState::Available)
        .build();
    assert!(format!("{record:?}").contains("openid: None"));
}

#[test]
fn debug_output_redacts_authorization_codes() {
    let code = || AUTHORIZATION_CODE.to_owned();
    let outputs = [
        format!(
            "{:?}",
            PreAuthorizePermissions::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            QueryPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            PreAuthorizePartnerPermissions::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            ApplyPartnerPermissionsForScene::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            QueryPartnerPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePartnerPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessUserRiskLevel::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(UserLookup::AuthorizationCode(code()))
                .build()
        ),
        format!("{:?}", PartnerUserLookup::AuthorizationCode(code())),
        format!("{:?}", {
            let mut record = AuthorizationRecord::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .mchid(MCHID)
                .authorization_state(AuthorizationState::Available)
                .build();
            record.authorization_code = Some(code());
            UserRiskAssessment::builder().record(record).build()
        }),
        format!(
            "{:?}",
            serde_json::from_str::<AuthorizationRecord>(&format!(
                r#"{{"service_id":"s","appid":"a","mchid":"m","authorization_code":"{AUTHORIZATION_CODE}","authorization_state":"AVAILABLE"}}"#
            ))
            .unwrap()
        ),
    ];
    for output in outputs {
        assert!(!output.contains(AUTHORIZATION_CODE), "authorization_code leaked: {output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
    // What is not personal stays visible.
    let output = format!(
        "{:?}",
        QueryPermissionsByAuthorizationCode::builder()
            .authorization_code(code())
            .service_id(SERVICE_ID)
            .build()
    );
    assert!(output.contains(SERVICE_ID), "{output}");
}
