//! WeChat's enumerated values of the bill endpoints and files. Each has an `Unknown(String)`
//! variant so that a value added by WeChat later still decodes (and serializes back
//! unchanged).

/// Declares a string enum with an `Unknown(String)` fallback (as `wxpay-payscore` does).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version does not know, kept verbatim. `From<&str>` never produces
            /// it for a known value.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as WeChat writes it.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown(value.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)
                    .map(|value| Self::from(value.as_ref()))
            }
        }
    };
}

string_enum! {
    /// 账单类型 `bill_type` of a trade bill.
    pub enum BillType {
        /// `ALL`: every payment and refund of the day (default).
        All = "ALL",
        /// `SUCCESS`: the day's successful payments.
        Success = "SUCCESS",
        /// `REFUND`: the day's refunds.
        Refund = "REFUND",
        /// `RECHARGE_REFUND`: refunds from the recharge balance (充值退款).
        RechargeRefund = "RECHARGE_REFUND",
        /// `ALL_SPECIAL`: every order of the special (个性化) bill.
        AllSpecial = "ALL_SPECIAL",
        /// `SUC_SPECIAL`: successful payments of the special bill.
        SucSpecial = "SUC_SPECIAL",
        /// `REF_SPECIAL`: refunds of the special bill.
        RefSpecial = "REF_SPECIAL",
    }
}

string_enum! {
    /// 资金账户类型 `account_type` of a fund-flow bill.
    pub enum AccountType {
        /// `BASIC`: the basic account (基本账户, default).
        Basic = "BASIC",
        /// `OPERATION`: the operation account (运营账户).
        Operation = "OPERATION",
        /// `FEES`: the fees account (手续费账户).
        Fees = "FEES",
        /// `DEPOSIT`: the deposit account (保证金账户; sub-merchant fund-flow bill only).
        Deposit = "DEPOSIT",
    }
}

string_enum! {
    /// 压缩类型 `tar_type`: without it the bill comes uncompressed.
    pub enum TarType {
        /// `GZIP`: the bill comes gzip-compressed (the download decompresses it).
        Gzip = "GZIP",
    }
}

string_enum! {
    /// 加密算法 `algorithm` of the encrypted sub-merchant fund-flow bill.
    pub enum EncryptionAlgorithm {
        /// `AEAD_AES_256_GCM`.
        AeadAes256Gcm = "AEAD_AES_256_GCM",
        /// `SM4_GCM` (128-bit key).
        Sm4Gcm = "SM4_GCM",
    }
}

string_enum! {
    /// 交易状态 of a trade-bill row.
    pub enum TradeState {
        /// `SUCCESS`: a payment.
        Success = "SUCCESS",
        /// `REFUND`: a refund (the row's refund columns are filled).
        Refund = "REFUND",
        /// `REVOKED`: a revoked payment (付款码撤销).
        Revoked = "REVOKED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_round_trip() {
        assert_eq!(BillType::from("SUC_SPECIAL"), BillType::SucSpecial);
        assert_eq!(AccountType::Deposit.as_str(), "DEPOSIT");
        assert_eq!(serde_json::to_string(&TarType::Gzip).unwrap_or_default(), "\"GZIP\"");
        let unknown: EncryptionAlgorithm =
            serde_json::from_str("\"NEW_ALGO\"").unwrap_or(EncryptionAlgorithm::Sm4Gcm);
        assert_eq!(unknown, EncryptionAlgorithm::Unknown("NEW_ALGO".into()));
        assert_eq!(TradeState::from("REFUND").to_string(), "REFUND");
    }
}
