//! What lists display (summaries always count every review).

use clap::Args;

/// `STELE_HIDE_WITHOUT_COMMENT`: true or false (also 1/0, yes/no, on/off, as environment
/// files write them).
pub(crate) fn parse_hide_without_comment(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(format!(
            "STELE_HIDE_WITHOUT_COMMENT={text}: use true or false; e.g. STELE_HIDE_WITHOUT_COMMENT=true"
        )),
    }
}

/// A number of stars for `variable`: a whole number from 1 to 5.
fn stars(text: &str, variable: &str, example: u8) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| {
            format!("{variable}={text:?}: use a whole number of stars from 1 to 5, e.g. {variable}={example}")
        })
}

/// `STELE_MIN_STARS`: a whole number from 1 to 5.
pub(crate) fn parse_min_stars(text: &str) -> Result<u8, String> {
    stars(text, "STELE_MIN_STARS", 3)
}

/// `STELE_TESTIMONIAL_MIN_STARS`: a whole number from 1 to 5.
pub(crate) fn parse_testimonial_min_stars(text: &str) -> Result<u8, String> {
    stars(text, "STELE_TESTIMONIAL_MIN_STARS", 4)
}

/// What lists display. Summaries always count every review.
#[derive(Debug, Clone, Args)]
pub struct ModerationOptions {
    /// Hide reviews below this many stars (1–5, rounded up as in the histogram).
    #[arg(long, env = "STELE_MIN_STARS", value_parser = parse_min_stars)]
    pub min_stars: Option<u8>,

    /// Hide reviews without a comment.
    #[arg(long, env = "STELE_HIDE_WITHOUT_COMMENT", value_parser = parse_hide_without_comment)]
    pub hide_without_comment: bool,

    /// Comma-separated words or phrases; comments containing one are hidden (case and
    /// diacritics ignored: "teapa" matches "țeapă").
    #[arg(long, env = "STELE_BLOCKLIST", value_delimiter = ',')]
    pub blocklist: Vec<String>,

    /// Comma-separated public review ids never to display.
    #[arg(long, env = "STELE_HIDE_IDS", value_delimiter = ',')]
    pub hide_ids: Vec<String>,

    /// Comma-separated public review ids to display first, in this order.
    #[arg(long, env = "STELE_PIN_IDS", value_delimiter = ',')]
    pub pin_ids: Vec<String>,

    /// Show testimonials (shop feedback) with at least this many stars (1–5; 1 shows every
    /// one), on top of min-stars; product reviews are unaffected. Shops put testimonials on
    /// the home page to persuade, so the default is 4, and the widget says so on the element.
    /// An element's min-stars attribute asks for another threshold.
    #[arg(long, env = "STELE_TESTIMONIAL_MIN_STARS", default_value = "4", value_parser = parse_testimonial_min_stars)]
    pub testimonial_min_stars: u8,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        moderation: super::ModerationOptions,
    }

    #[test]
    fn testimonials_show_4_and_5_stars_unless_the_operator_says_otherwise() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(args).map(|cli| cli.moderation.testimonial_min_stars)
        };
        assert_eq!(parse(&["relay"]).unwrap(), 4);
        assert_eq!(
            parse(&["relay", "--testimonial-min-stars", "1"]).unwrap(),
            1
        );
        assert!(parse(&["relay", "--testimonial-min-stars", "0"]).is_err());
    }
}
