//! Landmark names unique on the page: two elements of one kind (a light and a dark section
//! of a home page, a product page's reviews in the main column and in a tab) would otherwise
//! be two regions of the same name, which screen-reader users cannot tell apart (axe's
//! `landmark-unique`).

/// `base`, or `base (2)`, `base (3)`… when elements mounted earlier on this page already
/// name a landmark so: the lowest number free, given back when the element unmounts (its
/// reactive owner is cleaned up). Off a browser it is `base`: a server keeps no state
/// between the pages it renders, and the widget names the landmark anew when it takes over.
pub fn unique_label(base: String) -> String {
    #[cfg(stele_browser)]
    {
        let number = TAKEN.with(|taken| {
            let mut taken = taken.borrow_mut();
            let number = (1..)
                .find(|n| !taken.iter().any(|(label, m)| *label == base && m == n))
                .unwrap_or(1);
            taken.push((base.clone(), number));
            number
        });
        let key = base.clone();
        leptos::prelude::on_cleanup(move || {
            TAKEN.with(|taken| {
                taken
                    .borrow_mut()
                    .retain(|(label, m)| !(*label == key && *m == number))
            })
        });
        numbered(&base, number)
    }
    #[cfg(not(stele_browser))]
    base
}

/// The `number`th landmark of one name: the first keeps the name as it is.
pub fn numbered(base: &str, number: u32) -> String {
    if number <= 1 {
        base.to_owned()
    } else {
        format!("{base} ({number})")
    }
}

#[cfg(stele_browser)]
thread_local! {
    /// (name, number) of every landmark named on the page.
    static TAKEN: std::cell::RefCell<Vec<(String, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_keeps_its_name_and_the_others_are_numbered() {
        assert_eq!(super::numbered("Customer reviews", 1), "Customer reviews");
        assert_eq!(
            super::numbered("Customer reviews", 2),
            "Customer reviews (2)"
        );
    }
}
