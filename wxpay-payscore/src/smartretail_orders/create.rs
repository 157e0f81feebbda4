//! `POST /v3/payscore/smartretail-orders`

use wxpay_core::endpoint;

use super::CreatePayAfterOrderResponse;
use crate::legacy::create_order;

create_order! {
    /// Creates a 智慧零售 order (创建智慧零售订单, legacy, direct merchant).
    ///
    /// `POST /v3/payscore/smartretail-orders`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=14_1&index=3>
    ///
    /// The order starts `CREATED`: hand the returned `package` (and the `miniprogram_*` fields)
    /// to the front end; once the user accepts, `PAYSCORE.USER_ACCEPTED` follows. Unlike
    /// 先享后付 it carries no user data. `Debug` redacts `openid`.
    #[endpoint(POST, "v3/payscore/smartretail-orders", response = CreatePayAfterOrderResponse)]
    pub struct CreateSmartRetailOrder {}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        legacy::fixtures::{CREATE_BODY, create_request},
        test_support::{assert_request, client, signed_response},
    };

    const URL: &str = "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders";

    #[test]
    fn prepares_the_request() {
        assert_request(&create_request!(CreateSmartRetailOrder), "POST", URL, CREATE_BODY);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(
            200,
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","order_id":"15646546545165651651","miniprogram_businesstype":"wxpayScoreUse",
                "package":"DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf"}"#,
        ));
        let created = create_request!(CreateSmartRetailOrder).execute(&client).await.unwrap();
        assert_eq!(created.miniprogram_businesstype.as_deref(), Some("wxpayScoreUse"));
        assert_eq!(created.miniprogram_path, None);
        assert_eq!(
            client.transport().requests()[0].uri().path(),
            "/v3/payscore/smartretail-orders"
        );
    }
}
