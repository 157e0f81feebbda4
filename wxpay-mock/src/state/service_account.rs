//! Service-account applications (收付通子商户绑定支付分服务): a service provider's request
//! to bind a sub-merchant to its PayScore service, `PROCESSING` until a control action
//! approves (`APPROVED`) or rejects (`REJECTED`) it.

use serde_json::{Map, Value, json};

use super::Owner;

/// `PROCESSING`: 处理中.
pub(crate) const PROCESSING: &str = "PROCESSING";
/// `APPROVED`: 绑定成功.
pub(crate) const APPROVED: &str = "APPROVED";
/// `REJECTED`: 绑定失败.
pub(crate) const REJECTED: &str = "REJECTED";

/// One application, kept by service provider and `out_apply_no`.
#[derive(Clone, Debug)]
pub(crate) struct Application {
    /// The service provider.
    pub(crate) mchid: String,
    pub(crate) sub_mchid: String,
    pub(crate) service_id: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) out_apply_no: String,
    pub(crate) result_notify_url: Option<String>,
    /// [`PROCESSING`], [`APPROVED`] or [`REJECTED`].
    pub(crate) apply_state: &'static str,
    pub(crate) reject_reason: Option<String>,
    /// The create parameters, for repeated calls.
    pub(crate) request: Value,
}

impl Application {
    /// Whether the outcome is known (such applications are forgotten first).
    pub(crate) fn decided(&self) -> bool {
        self.apply_state != PROCESSING
    }

    /// The application as create and query answer it.
    pub(crate) fn to_json(&self) -> Value {
        let mut map = self.common();
        if let Some(url) = &self.result_notify_url {
            map.insert("result_notify_url".into(), json!(url));
        }
        Value::Object(map)
    }

    /// The decrypted `PAYSCORE.BIND_SERVICE_ACCOUNT` resource.
    pub(crate) fn event_json(&self) -> Value {
        Value::Object(self.common())
    }

    fn common(&self) -> Map<String, Value> {
        let mut map = Map::new();
        Owner::partner(&self.mchid, &self.sub_mchid).write_ids(
            &mut map,
            &self.service_id,
            &self.appid,
            self.sub_appid.as_deref(),
        );
        map.insert("out_apply_no".into(), json!(self.out_apply_no));
        map.insert("apply_state".into(), json!(self.apply_state));
        if let Some(reason) = &self.reject_reason {
            map.insert("reject_reason".into(), json!(reason));
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wxpay_payscore::{
        notification::ServiceAccountNotification,
        partner::service_account_applications::ServiceAccountApplication,
    };

    fn application() -> Application {
        Application {
            mchid: "1230000109".into(),
            sub_mchid: "1900000109".into(),
            service_id: "500001".into(),
            appid: "wx1".into(),
            sub_appid: Some("wx2".into()),
            out_apply_no: "A1".into(),
            result_notify_url: Some("https://example.com/n".into()),
            apply_state: PROCESSING,
            reject_reason: None,
            request: json!({}),
        }
    }

    #[test]
    fn answers_and_events_decode_into_the_payscore_types() {
        let mut application = application();
        let answer: ServiceAccountApplication =
            serde_json::from_value(application.to_json()).expect("answer");
        assert_eq!(answer.apply_state, "PROCESSING");
        assert_eq!(answer.result_notify_url.as_deref(), Some("https://example.com/n"));
        assert_eq!(answer.reject_reason, None);
        assert!(!application.decided());
        application.apply_state = REJECTED;
        application.reject_reason = Some("未开通".into());
        let event: ServiceAccountNotification =
            serde_json::from_value(application.event_json()).expect("event");
        assert_eq!(event.apply_state, "REJECTED");
        assert_eq!(event.reject_reason.as_deref(), Some("未开通"));
        assert_eq!(event.sub_appid.as_deref(), Some("wx2"));
        assert!(application.event_json().get("result_notify_url").is_none());
        assert!(application.decided());
    }
}
