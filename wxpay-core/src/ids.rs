//! Validated identifiers: order numbers that are safe in a path, and the three kinds of key
//! serials that WeChat Pay integrations mix up.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidId;

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident, $what:literal, $check:path) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Validates `value`.
            ///
            /// # Errors
            ///
            /// Returns [`InvalidId`] naming the broken rule.
            pub fn new(value: impl Into<String>) -> Result<Self, InvalidId> {
                let value = value.into();
                $check(&value).map_err(|reason| InvalidId { what: $what, reason })?;
                Ok(Self(value))
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidId;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Self::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_id! {
    /// A merchant-side order number (`out_order_no`, protocol §10.1): 1 to 32 characters from
    /// `0-9 A-Z a-z _ - | *`.
    ///
    /// Construction validates, so no value can break out of its path segment. Prefer
    /// `[0-9A-Za-z_-]` when generating numbers: `|` and `*` are sent percent-encoded.
    ///
    /// ```
    /// # use wxpay_core::OutOrderNo;
    /// assert!(OutOrderNo::new("1234323JKHDFE1243252").is_ok());
    /// assert!(OutOrderNo::new("../../v3/refund").is_err());
    /// ```
    OutOrderNo, "out_order_no", check_out_order_no
}

string_id! {
    /// The serial number of the merchant API certificate (`apiclient_cert.pem`), sent as
    /// `serial_no` in `Authorization`: hexadecimal, stored upper-case.
    ///
    /// Not a WeChat Pay public key id and not a platform certificate serial.
    MerchantSerial, "merchant certificate serial", check_hex_serial
}

string_id! {
    /// A WeChat Pay public key id, `PUB_KEY_ID_` followed by digits (treated as opaque).
    PublicKeyId, "WeChat Pay public key id", check_public_key_id
}

string_id! {
    /// The serial number of a WeChat Pay platform certificate: hexadecimal, stored upper-case
    /// without leading zeros (how WeChat Pay writes it in `Wechatpay-Serial`).
    PlatformSerial, "platform certificate serial", check_hex_serial
}

impl MerchantSerial {
    /// Normalises `value` (upper-case) and validates it.
    ///
    /// # Errors
    ///
    /// Returns [`InvalidId`] if it is not hexadecimal, or is a `PUB_KEY_ID_…`.
    pub fn parse(value: &str) -> Result<Self, InvalidId> {
        Self::new(value.trim().to_ascii_uppercase())
    }
}

impl PlatformSerial {
    /// Normalises `value` (upper-case, leading zeros removed) and validates it.
    ///
    /// # Errors
    ///
    /// Returns [`InvalidId`] if it is not hexadecimal.
    pub fn parse(value: &str) -> Result<Self, InvalidId> {
        let upper = value.trim().to_ascii_uppercase();
        let trimmed = upper.trim_start_matches('0');
        Self::new(if trimmed.is_empty() { "0" } else { trimmed })
    }

    /// Whether `serial` (as found in a `Wechatpay-Serial` header) names this certificate,
    /// ignoring case and leading zeros.
    #[must_use]
    pub fn matches(&self, serial: &str) -> bool {
        let serial = serial.trim_start_matches('0');
        self.0.trim_start_matches('0').eq_ignore_ascii_case(serial)
    }
}

fn check_out_order_no(value: &str) -> Result<(), String> {
    let len = value.chars().count();
    if !(1..=32).contains(&len) {
        return Err(format!("must be 1 to 32 characters long, found {len}"));
    }
    if let Some(bad) =
        value.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '|' | '*')))
    {
        return Err(format!("character {bad:?} is not allowed; use `0-9 A-Z a-z _ - | *`"));
    }
    Ok(())
}

fn check_hex_serial(value: &str) -> Result<(), String> {
    if value.starts_with("PUB_KEY_ID_") {
        return Err(
            "a `PUB_KEY_ID_…` is a WeChat Pay public key id, not a certificate serial".into()
        );
    }
    if value.is_empty() || value.len() > 64 {
        return Err(format!(
            "must be 1 to 64 hexadecimal digits, found {} characters",
            value.len()
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)) {
        return Err("must be hexadecimal digits (0-9, A-F; case does not matter)".into());
    }
    Ok(())
}

fn check_public_key_id(value: &str) -> Result<(), String> {
    let Some(rest) = value.strip_prefix("PUB_KEY_ID_") else {
        return Err(if value.bytes().all(|b| b.is_ascii_hexdigit()) && !value.is_empty() {
            "this looks like a certificate serial; a WeChat Pay public key id starts with `PUB_KEY_ID_`".into()
        } else {
            "must start with `PUB_KEY_ID_`".into()
        });
    };
    if rest.is_empty() || rest.len() > 64 || !rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("`PUB_KEY_ID_` must be followed by 1 to 64 digits".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_order_no_rules() {
        for ok in ["1234323JKHDFE1243252", "a", "A_b-c|d*e", &"x".repeat(32)] {
            assert!(OutOrderNo::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", &"x".repeat(33), "a/b", "a b", "a%2F", "..", "订单", "a?b", "a#b", "a@b"]
        {
            assert!(OutOrderNo::new(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<OutOrderNo>("\"a/b\"").is_err());
        assert_eq!(serde_json::to_string(&OutOrderNo::new("A1").unwrap()).unwrap(), "\"A1\"");
    }

    #[test]
    fn serials_are_not_key_ids() {
        assert!(MerchantSerial::parse("408b07e79b8269fec3d5d3e6ab8ed163a6a380db").is_ok());
        assert!(MerchantSerial::parse("PUB_KEY_ID_0000000000000024101100397200000006").is_err());
        assert!(PublicKeyId::new("PUB_KEY_ID_0000000000000024101100397200000006").is_ok());
        let err = PublicKeyId::new("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB").unwrap_err();
        assert!(err.reason.contains("certificate serial"), "{err}");
        let serial = PlatformSerial::parse("05DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC").unwrap();
        assert!(serial.matches("5dea10ef55877e3cf6c33255c2e7defff7e427ec"));
        assert!(serial.matches("005DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC"));
    }
}
