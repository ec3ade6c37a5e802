//! `stele-relay config`: every effective setting, derived from clap's definitions.

use clap::Args;

use crate::cli::serve::ServeArgs;
use crate::cli::Failure;
use crate::config::upstream::KeySource;

/// Print the effective settings (from flags, variables and defaults), the key redacted.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    serve: ServeArgs,
}

/// Every setting `serve` takes, as clap defines it: the serve command's arguments, then
/// the global `--log-format`. `config` lists these, so a new setting appears there with no
/// list to keep.
pub fn setting_definitions() -> clap::Command {
    use clap::Args as _;
    crate::config::logging::LogOptions::augment_args(ServeArgs::augment_args(clap::Command::new(
        "serve",
    )))
}

/// `stele-relay config`: every effective setting, one `VARIABLE=value` a line, in the order
/// of their definitions ([`setting_definitions`]): the value as given (flag, variable or
/// default), `<not set>` for an unset optional one, `<redacted>` for a secret; the key's line
/// says where it came from. `matches` are the config command's own. Exit 2 (after the
/// lines, each problem on a line of its own) when `serve` would refuse to start: a bad
/// setting, no usable key or customer id, or a `STELE_DB` in no directory.
pub fn run(args: &ConfigArgs, matches: &clap::ArgMatches) -> Result<(), Failure> {
    let serve = &args.serve;
    // Read once: the key file or credential is opened for the line and the check alike.
    let rest_key = serve.upstream.rest_key();
    let key = match &rest_key {
        Ok((_, KeySource::Variable)) => "<redacted> (from RTG_REST_KEY)".to_owned(),
        Ok((_, KeySource::File(path))) => format!("<redacted> (from the file {})", path.display()),
        Ok((_, KeySource::Credential(path))) => {
            format!("<redacted> (from the credential {})", path.display())
        }
        Err(message) => format!("<not usable: {message}>"),
    };
    for line in setting_lines(&setting_definitions(), matches, &key) {
        println!("{line}");
    }
    // What `serve` would refuse at start-up, without opening or creating anything.
    let problems: Vec<String> = [
        serve.http.settings().map(drop),
        rest_key.map(drop),
        serve.upstream.customer().map(drop),
        crate::model::store::Store::check_path(&serve.store.db).map(drop),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::cannot_start("", problems.join("\n")))
    }
}

/// `VARIABLE=value` for each argument of `definitions` that has a variable.
fn setting_lines(
    definitions: &clap::Command,
    matches: &clap::ArgMatches,
    key: &str,
) -> Vec<String> {
    definitions
        .get_arguments()
        .filter_map(|arg| {
            let variable = arg.get_env()?.to_string_lossy();
            let raw = matches
                .try_get_raw(arg.get_id().as_str())
                .ok()
                .flatten()
                .map(|values| {
                    values
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join(",")
                });
            let value = match raw {
                _ if variable == "RTG_REST_KEY" => key.to_owned(),
                Some(_) if arg.is_hide_env_values_set() => "<redacted>".to_owned(),
                // A URL could carry a key in its query, as Retargeting's own does.
                Some(value) => crate::ingest::upstream::redact(&value),
                None if variable == "STELE_ASSETS"
                    && crate::config::http::embedded_build().is_some() =>
                {
                    "<not set> (the widget built in)".to_owned()
                }
                None => "<not set>".to_owned(),
            };
            Some(format!("{variable}={value}"))
        })
        .collect()
}
