//! The fixed list of norms a facilitator layer can link to (`links: [NormLink(norms:
//! [...])]`): the five vuistregels of the Nationale ombudsman's ombudsvisie (`vr_`) and the
//! 22 behoorlijkheidsnormen of the Behoorlijkheidswijzer (`bn_`), in their usual order.
//! Ids never change meaning; `docs/scenario-format.md` lists them.

/// A norm: its id, its Dutch and English name, and the group it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Norm {
    pub id: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    /// "Vuistregel" or the cluster of the Behoorlijkheidswijzer (A to D).
    pub group: &'static str,
}

const fn n(id: &'static str, nl: &'static str, en: &'static str, group: &'static str) -> Norm {
    Norm { id, nl, en, group }
}

/// Every norm, vuistregels first.
pub const NORMS: &[Norm] = &[
    n(
        "vr_open",
        "Sta open voor klachten",
        "Be open to complaints",
        "vuistregel 1",
    ),
    n(
        "vr_kern",
        "Zoek persoonlijk uit waar de klacht echt over gaat",
        "Find out in person what the complaint is really about",
        "vuistregel 2",
    ),
    n(
        "vr_oplossen",
        "Los eerst het probleem op",
        "Solve the problem first",
        "vuistregel 3",
    ),
    n(
        "vr_zorgvuldig",
        "Lukt dat niet, behandel de klacht zorgvuldig",
        "If that fails, handle the complaint with care",
        "vuistregel 4",
    ),
    n(
        "vr_afronden",
        "Rond goed af en ga na of de klager tevreden is",
        "Close well and check whether the complainant is satisfied",
        "vuistregel 5",
    ),
    n(
        "bn_transparant",
        "Transparant",
        "Transparency",
        "A open en duidelijk",
    ),
    n(
        "bn_informatie",
        "Goede informatieverstrekking",
        "Good information",
        "A open en duidelijk",
    ),
    n(
        "bn_luisteren",
        "Luisteren naar de burger",
        "Listening to the citizen",
        "A open en duidelijk",
    ),
    n(
        "bn_motivering",
        "Goede motivering",
        "Reasons given",
        "A open en duidelijk",
    ),
    n(
        "bn_grondrechten",
        "Respecteren van grondrechten",
        "Respect for fundamental rights",
        "B respectvol",
    ),
    n(
        "bn_deelname",
        "Bevorderen van actieve deelname door de burger",
        "Encouraging the citizen to take part",
        "B respectvol",
    ),
    n(
        "bn_bejegening",
        "Fatsoenlijke bejegening",
        "Decent treatment",
        "B respectvol",
    ),
    n("bn_fair_play", "Fair play", "Fair play", "B respectvol"),
    n(
        "bn_evenredigheid",
        "Evenredigheid",
        "Proportionality",
        "B respectvol",
    ),
    n(
        "bn_bijzondere_zorg",
        "Bijzondere zorg",
        "Special care",
        "B respectvol",
    ),
    n(
        "bn_maatwerk",
        "Maatwerk",
        "Tailored solutions",
        "C betrokken en oplossingsgericht",
    ),
    n(
        "bn_samenwerking",
        "Samenwerking",
        "Cooperation",
        "C betrokken en oplossingsgericht",
    ),
    n(
        "bn_coulance",
        "Coulante opstelling",
        "Accommodating attitude",
        "C betrokken en oplossingsgericht",
    ),
    n(
        "bn_voortvarendheid",
        "Voortvarendheid",
        "Promptness",
        "C betrokken en oplossingsgericht",
    ),
    n(
        "bn_de_escalatie",
        "De-escalatie",
        "De-escalation",
        "C betrokken en oplossingsgericht",
    ),
    n(
        "bn_integriteit",
        "Integriteit",
        "Integrity",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_betrouwbaarheid",
        "Betrouwbaarheid",
        "Reliability",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_onpartijdigheid",
        "Onpartijdigheid",
        "Impartiality",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_redelijkheid",
        "Redelijkheid",
        "Reasonableness",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_voorbereiding",
        "Goede voorbereiding",
        "Good preparation",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_organisatie",
        "Goede organisatie",
        "Good organisation",
        "D eerlijk en betrouwbaar",
    ),
    n(
        "bn_professionaliteit",
        "Professionaliteit",
        "Professionalism",
        "D eerlijk en betrouwbaar",
    ),
];

/// The norm with this id.
pub fn norm(id: &str) -> Option<&'static Norm> {
    NORMS.iter().find(|n| n.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_vuistregels_and_twenty_two_norms_with_unique_ids() {
        assert_eq!(NORMS.iter().filter(|n| n.id.starts_with("vr_")).count(), 5);
        assert_eq!(NORMS.iter().filter(|n| n.id.starts_with("bn_")).count(), 22);
        let ids: std::collections::BTreeSet<_> = NORMS.iter().map(|n| n.id).collect();
        assert_eq!(ids.len(), NORMS.len());
        assert_eq!(norm("bn_luisteren").unwrap().nl, "Luisteren naar de burger");
        assert!(norm("luisteren").is_none());
    }
}
