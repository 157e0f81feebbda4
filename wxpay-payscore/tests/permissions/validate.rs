//! `validate()` of the authorization requests.

use super::*;

// ---------------------------------------------------------------------------------------
// validate()

#[test]
fn well_formed_requests_validate() {
    assert_eq!(
        PreAuthorizePermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .authorization_code(AUTHORIZATION_CODE)
            .notify_url(NOTIFY_URL)
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        AssessUserRiskLevel::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(UserLookup::Openid(OPENID.to_owned()))
            .shopping_info(shopping_info())
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        ApplyPartnerPermissionsForScene::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .transaction_scene_info(
                TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build()
            )
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        TerminatePartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .appid(APPID)
            .user(UserIdentity::SubOpenid(OPENID.to_owned()))
            .reason("用户注销")
            .sub_appid(SUB_APPID)
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        TerminateUserPermissions::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("r")
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        QueryUserServiceState::builder()
            .appid(APPID)
            .service_id(SERVICE_ID)
            .openid(OPENID)
            .build()
            .validate(),
        Ok(())
    );
}

#[test]
fn validate_reports_the_broken_limit() {
    let too_long_code = "A".repeat(33);
    assert_eq!(
        PreAuthorizePermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .authorization_code(too_long_code.as_str())
            .build()
            .validate(),
        Err(ValidationError::TooLong { field: "authorization_code".into(), max: 32, len: 33 })
    );
    // 51 characters, counted as characters rather than bytes.
    let reason = "撤".repeat(51);
    assert_eq!(
        TerminatePermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .reason(reason)
            .build()
            .validate(),
        Err(ValidationError::TooLong { field: "reason".into(), max: 50, len: 51 })
    );
    assert_eq!(
        TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("")
            .build()
            .validate(),
        Err(ValidationError::Missing { field: "reason".into() })
    );
    assert_eq!(
        QueryPermissionsByOpenid::builder()
            .openid("")
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build()
            .validate(),
        Err(ValidationError::Missing { field: "openid".into() })
    );
    assert!(matches!(
        TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("不想用了😀")
            .build()
            .validate(),
        Err(ValidationError::UnsupportedCharacter { field, character: '😀' }) if field == "reason"
    ));
    let long_url = format!("https://example.com/{}", "a".repeat(240));
    assert!(matches!(
        PreAuthorizePartnerPermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .notify_url(long_url)
            .build()
            .validate(),
        Err(ValidationError::TooLong { field, max: 255, .. }) if field == "notify_url"
    ));
}

#[test]
fn validate_requires_sub_appid_with_a_sub_openid() {
    let missing = Err(ValidationError::Missing { field: "sub_appid".into() });
    let user = UserIdentity::SubOpenid(OPENID.to_owned());
    assert_eq!(
        QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(user.clone())
            .build()
            .validate(),
        missing
    );
    assert_eq!(
        TerminatePartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .appid(APPID)
            .user(user.clone())
            .reason("r")
            .build()
            .validate(),
        missing
    );
    assert_eq!(
        AssessPartnerUserRiskLevel::builder()
            .sub_mchid(SUB_MCHID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(user)
            .build()
            .validate(),
        missing
    );
    // An openid under the provider's app ID needs no `sub_appid`.
    let user = UserIdentity::Openid(OPENID.to_owned());
    assert_eq!(
        QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(user)
            .build()
            .validate(),
        Ok(())
    );
}

#[test]
fn validate_checks_the_scene_and_the_goods() {
    let mut request = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(AUTHORIZATION_CODE)
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build(),
        )
        .build();
    request.transaction_scene_info = None;
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "transaction_scene_info".into() })
    );

    let request = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .shopping_info(
            ShoppingInfo::builder()
                .goods(vec![
                    Goods::builder().name("").picture("p").amount(Amount::fen(1)).count(1).build(),
                ])
                .build(),
        )
        .build();
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "shopping_info.goods[0].name".into() })
    );
    let mut request = request;
    request.shopping_info = Some(ShoppingInfo::builder().goods(Vec::new()).build());
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "shopping_info.goods".into() })
    );
}
