//! Everything the upstream can say instead of feedback, each with what an operator should do.

use std::fmt;

/// An error envelope from the Feedback API (`status` other than `"success"`), whatever the
/// HTTP status it came with. The six documented messages have their own variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamError {
    /// "No customer id provided!"
    NoCustomerId,
    /// "No rest key provided!"
    NoRestKey,
    /// "Incorrect rest key!"
    IncorrectRestKey,
    /// "No customer found with the provided id!"
    UnknownCustomer,
    /// "Your account is not active!"
    AccountNotActive,
    /// "Something went wrong"
    SomethingWentWrong,
    /// Any other error envelope, kept verbatim.
    Unknown {
        /// The `status` field as sent, if it was a string.
        status: Option<String>,
        /// The message, from `message` or carried in `data`, as sent.
        message: Option<String>,
    },
}

/// Lower-case letters and digits separated by single spaces: "Incorrect rest key!" → "incorrect rest key".
fn canonical(message: &str) -> String {
    message
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl UpstreamError {
    /// Classifies an error envelope by its message; unknown messages are kept as sent.
    pub fn from_envelope(status: Option<&str>, message: Option<&str>) -> Self {
        match message.map(canonical).as_deref() {
            Some("no customer id provided") => Self::NoCustomerId,
            Some("no rest key provided") => Self::NoRestKey,
            Some("incorrect rest key") => Self::IncorrectRestKey,
            Some("no customer found with the provided id") => Self::UnknownCustomer,
            Some("your account is not active") => Self::AccountNotActive,
            Some("something went wrong") => Self::SomethingWentWrong,
            _ => Self::Unknown {
                status: status.map(str::to_owned),
                message: message.map(str::to_owned),
            },
        }
    }

    /// A stable machine-readable code, for logs, metrics and `/healthz`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoCustomerId => "no_customer_id",
            Self::NoRestKey => "no_rest_key",
            Self::IncorrectRestKey => "incorrect_rest_key",
            Self::UnknownCustomer => "unknown_customer",
            Self::AccountNotActive => "account_not_active",
            Self::SomethingWentWrong => "something_went_wrong",
            Self::Unknown { .. } => "unknown_upstream_error",
        }
    }

    /// The upstream's message: the documented text, or an unknown one verbatim.
    pub fn message(&self) -> &str {
        match self {
            Self::NoCustomerId => "No customer id provided!",
            Self::NoRestKey => "No rest key provided!",
            Self::IncorrectRestKey => "Incorrect rest key!",
            Self::UnknownCustomer => "No customer found with the provided id!",
            Self::AccountNotActive => "Your account is not active!",
            Self::SomethingWentWrong => "Something went wrong",
            Self::Unknown {
                message: Some(message),
                ..
            } => message,
            Self::Unknown { message: None, .. } => "(no message)",
        }
    }

    /// What the operator should do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::NoCustomerId => {
                "the request carried no customer id: set RTG_CUSTOMER_ID to the Customer ID from Retargeting, Settings → Integration, third field"
            }
            Self::NoRestKey => {
                "the request carried no REST key: set RTG_REST_KEY to the REST API Key from Retargeting, Settings → Integration, second field"
            }
            Self::IncorrectRestKey => {
                "Retargeting rejected the REST key: copy the REST API Key again from Settings → Integration (the second field, not the tracking key) into RTG_REST_KEY"
            }
            Self::UnknownCustomer => {
                "no Retargeting account has this customer id: copy the Customer ID from Settings → Integration, third field, into RTG_CUSTOMER_ID"
            }
            Self::AccountNotActive => {
                "the Retargeting account is inactive or closed: the Feedback API answers only for accounts in state PAID, PAYMENT ERROR or ACCOUNT SUSPENDED; check billing in Retargeting"
            }
            Self::SomethingWentWrong => {
                "Retargeting had an internal error, usually temporary: the relay retries with backoff; contact Retargeting support if it lasts"
            }
            Self::Unknown { .. } => {
                "Retargeting answered with an error Stele does not know (message shown as sent): check the account in Retargeting and report the message if it lasts"
            }
        }
    }

    /// Whether retrying later can help; configuration errors need the operator first.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::SomethingWentWrong | Self::Unknown { .. })
    }
}

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown {
                status: Some(status),
                ..
            } => write!(f, "upstream error (status {status:?}): {}", self.message()),
            _ => write!(f, "upstream error: {}", self.message()),
        }
    }
}

impl std::error::Error for UpstreamError {}
