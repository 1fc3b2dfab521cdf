//! [`AppError`]: the one error type that server functions return and pages display.
//!
//! It crosses the wire as JSON, so it never carries internal detail: the server logs the
//! cause (see `ssr::error`) and sends [`AppError::Internal`] without a payload.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per-field validation messages: field name → what is wrong with it.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// What went wrong, in terms a client may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or the viewer may not know that it exists).
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in user.
    #[error("please sign in")]
    Unauthenticated,
    /// Sign-in failed: the account does not exist, is disabled, or the password is wrong.
    /// One message for all of them, so that it does not tell which.
    #[error("The e-mail address or password is not right.")]
    BadCredentials,
    /// The signed-in user may not do this.
    #[error("you are not allowed to do this")]
    Forbidden,
    /// The input is invalid; each field says what is wrong with it.
    #[error("some fields are invalid")]
    Invalid(FieldErrors),
    /// The change conflicts with the current state (a stale edit, a duplicate, a closed vote).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; try again later.
    #[error("too many attempts, try again later")]
    RateLimited,
    /// Something failed on the server; the detail is in the server's log only.
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// The request could not reach the server or its answer could not be read.
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl AppError {
    /// An `Invalid` error for one field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(BTreeMap::from([(field.to_owned(), vec![message.into()])]))
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => StatusCode::BAD_GATEWAY,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Malformed arguments are the client's fault; say so without echoing detail.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                let err = AppError::invalid("request", "the request's arguments could not be read");
                // On the server this runs inside the request: answer 422, not server_fn's 500.
                #[cfg(feature = "ssr")]
                let err = crate::ssr::error::respond_with(err);
                err
            }
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_carry_no_detail_over_the_wire() {
        let json = serde_json::to_string(&AppError::Internal).expect("serialisable");
        assert_eq!(json, "\"Internal\"");
    }

    #[test]
    fn invalid_names_the_field() {
        let AppError::Invalid(fields) = AppError::invalid("email", "is not an address") else {
            panic!("expected Invalid");
        };
        assert_eq!(fields["email"], vec!["is not an address".to_owned()]);
        assert_eq!(
            AppError::invalid("x", "y").status_code(),
            http::StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
