//! What patients read: the after-visit summaries' sentences, in English and Spanish, written
//! for a 6th to 8th grade reader (short sentences, everyday words), and the check that keeps
//! them there (Flesch-Kincaid grade, tested below).

/// One piece of patient text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub es: &'static str,
}

impl Text {
    pub const fn get(self, spanish: bool) -> &'static str {
        if spanish { self.es } else { self.en }
    }
}

const fn t(en: &'static str, es: &'static str) -> Text {
    Text { en, es }
}

pub const CHECK_UP: Text = t(
    "Thank you for coming in for your yearly checkup. We looked at your weight, blood pressure and overall health.",
    "Gracias por venir a su chequeo anual. Revisamos su peso, su presión y su salud en general.",
);
pub const NEW_PATIENT: Text = t(
    "Welcome to Riverbend Health. We are glad you chose us. Today we went over your health history.",
    "Bienvenido a Riverbend Health. Nos alegra que nos haya elegido. Hoy revisamos su historia de salud.",
);
pub const WELL_BABY: Text = t(
    "Your baby is growing well. Feed your baby when they are hungry. Always put your baby to sleep on their back.",
    "Su bebé está creciendo bien. Dele de comer cuando tenga hambre. Siempre acueste a su bebé boca arriba para dormir.",
);
pub const WELL_CHILD: Text = t(
    "Your child is growing well. Keep up healthy meals, active play and a regular bedtime.",
    "Su hijo está creciendo bien. Siga con comidas sanas, juego activo y una hora fija para dormir.",
);
pub const WELL_TEEN: Text = t(
    "You are growing and healthy. Get 8 to 10 hours of sleep. Talk to us about anything that worries you.",
    "Estás creciendo sano. Duerme de 8 a 10 horas. Háblanos de cualquier cosa que te preocupe.",
);
pub const SHOTS_CHILD: Text = t(
    "Your child got shots today. A mild fever or a sore leg is normal for a day or two.",
    "Su hijo recibió vacunas hoy. Un poco de fiebre o dolor en la pierna es normal por uno o dos días.",
);
pub const SHOTS_ADULT: Text = t(
    "You got a shot today. Your arm may be sore for a day or two. That is normal.",
    "Hoy recibió una vacuna. Su brazo puede doler uno o dos días. Eso es normal.",
);
pub const FLU_SHOT: Text = t(
    "You got your flu shot today. It helps keep you from getting very sick this winter.",
    "Hoy recibió la vacuna contra la gripe. Le ayuda a no enfermarse gravemente este invierno.",
);
pub const DIABETES_NEW: Text = t(
    "You have type 2 diabetes. This means your blood sugar is too high. We started a medicine called metformin. Take it with food.",
    "Usted tiene diabetes tipo 2. Esto quiere decir que su azúcar en la sangre está muy alta. Empezamos una medicina llamada metformina. Tómela con comida.",
);
pub const DIABETES_BETTER: Text = t(
    "Your blood sugar is better. Keep taking your diabetes medicine with food.",
    "Su azúcar en la sangre está mejor. Siga tomando su medicina para la diabetes con comida.",
);
pub const DIABETES_WORSE: Text = t(
    "Your blood sugar is higher than we want. Take your medicine every day. Cut back on sweet drinks and white bread.",
    "Su azúcar en la sangre está más alta de lo que queremos. Tome su medicina todos los días. Tome menos bebidas dulces y pan blanco.",
);
pub const INSULIN_START: Text = t(
    "We added insulin to help your blood sugar. The nurse showed you how to give it. Check your sugar each morning.",
    "Agregamos insulina para ayudar con su azúcar. La enfermera le enseñó cómo ponérsela. Revise su azúcar cada mañana.",
);
pub const A1C_GOAL: Text = t("Your goal is an A1c below 7.", "Su meta es una A1c menor de 7.");
pub const BP_NEW: Text = t(
    "Your blood pressure is high. We started a pill to lower it. Eat less salt and walk most days.",
    "Su presión está alta. Empezamos una pastilla para bajarla. Coma menos sal y camine casi todos los días.",
);
pub const BP_GOOD: Text = t(
    "Your blood pressure is in a good range. Keep taking your blood pressure pills every day.",
    "Su presión está en un buen nivel. Siga tomando sus pastillas para la presión todos los días.",
);
pub const BP_HIGH: Text = t(
    "Your blood pressure was high today. Take your pills every day and eat less salt.",
    "Su presión estuvo alta hoy. Tome sus pastillas todos los días y coma menos sal.",
);
pub const BP_CLOSE: Text = t(
    "Your blood pressure is close to your goal. Keep taking your pills and eat less salt.",
    "Su presión está cerca de su meta. Siga tomando sus pastillas y coma menos sal.",
);
pub const BP_MED_ADDED: Text = t(
    "We added a second blood pressure pill. Check your blood pressure at home if you can.",
    "Agregamos una segunda pastilla para la presión. Mida su presión en casa si puede.",
);
pub const CHOLESTEROL_NEW: Text = t(
    "Your cholesterol is high. This can clog your blood vessels. We started a pill to lower it.",
    "Su colesterol está alto. Esto puede tapar sus venas. Empezamos una pastilla para bajarlo.",
);
pub const CHOLESTEROL_OK: Text = t(
    "Keep taking your cholesterol pill every day. Choose fish, beans and vegetables more often.",
    "Siga tomando su pastilla para el colesterol todos los días. Coma pescado, frijoles y verduras más seguido.",
);
pub const WEIGHT: Text = t(
    "Try to walk 30 minutes most days. Fill half your plate with vegetables.",
    "Trate de caminar 30 minutos casi todos los días. Llene la mitad de su plato con verduras.",
);
pub const ASTHMA: Text = t(
    "Use your daily inhaler every day, even when you feel well. Use your rescue inhaler when you cough or wheeze. Go to the ER if it is hard to breathe.",
    "Use su inhalador diario todos los días, aunque se sienta bien. Use su inhalador de rescate si tose o tiene silbido. Vaya a emergencias si le cuesta respirar.",
);
pub const DEPRESSION: Text = t(
    "You told us you have felt sad or low. We started a medicine that can help. It can take a few weeks to work. Call 988 any time if you feel unsafe.",
    "Nos dijo que se ha sentido triste o decaído. Empezamos una medicina que puede ayudar. Puede tardar unas semanas en funcionar. Llame al 988 a cualquier hora si no se siente seguro.",
);
pub const DEPRESSION_FOLLOW_UP: Text = t(
    "Keep taking your medicine every day. Talking with a counselor can help too.",
    "Siga tomando su medicina todos los días. Hablar con un consejero también puede ayudar.",
);
pub const THYROID: Text = t(
    "Your thyroid is slow. Take your thyroid pill each morning before you eat. We will check your blood again.",
    "Su tiroides está lenta. Tome su pastilla para la tiroides cada mañana antes de comer. Le haremos otro análisis de sangre.",
);
pub const HEART: Text = t(
    "Take your heart medicines every day. Call 911 if you have chest pain or feel faint.",
    "Tome sus medicinas para el corazón todos los días. Llame al 911 si tiene dolor de pecho o se siente débil.",
);
pub const KIDNEY: Text = t(
    "Your kidney test is a little off. Drink water and do not take pain pills like ibuprofen.",
    "Su prueba de los riñones está un poco alterada. Tome agua y no tome pastillas para el dolor como el ibuprofeno.",
);
pub const JOINTS: Text = t(
    "Your joint pain is from wear and tear. Gentle walks, stretching and a warm pack can help.",
    "Su dolor de articulaciones es por desgaste. Caminar, estirarse y usar una compresa tibia pueden ayudar.",
);
pub const BONES: Text = t(
    "Your bones are thin. Take your bone pill as shown. Get calcium and vitamin D each day.",
    "Sus huesos están débiles. Tome su pastilla para los huesos como le enseñamos. Tome calcio y vitamina D cada día.",
);
pub const SKIN: Text = t(
    "Use a thick, plain moisturizer 2 times a day. Use the cream only on red, itchy spots.",
    "Use una crema humectante espesa 2 veces al día. Use la crema de medicina solo en las partes rojas y con comezón.",
);
pub const ACNE: Text = t(
    "Wash your face 2 times a day with a gentle soap. Do not pick at your skin.",
    "Lávate la cara 2 veces al día con un jabón suave. No te pellizques la piel.",
);
pub const IRON: Text = t(
    "Your blood count is low. Take your iron pill each day. Eat beans, greens and meat.",
    "Su conteo de sangre está bajo. Tome su pastilla de hierro cada día. Coma frijoles, verduras verdes y carne.",
);
pub const VITAMIN_D: Text = t(
    "Your vitamin D is low. Take vitamin D 1,000 units each day. You can buy it at any store.",
    "Su vitamina D está baja. Tome 1,000 unidades de vitamina D cada día. La puede comprar en cualquier tienda.",
);
pub const ALLERGY: Text = t(
    "You have an allergy. Stay away from what causes it. We added it to your chart.",
    "Usted tiene una alergia. Aléjese de lo que la causa. La anotamos en su expediente.",
);
pub const EPI_PEN: Text = t(
    "Carry your epinephrine pen at all times. Use it and call 911 if your throat feels tight.",
    "Lleve siempre su pluma de epinefrina. Úsela y llame al 911 si siente la garganta cerrada.",
);
pub const COLD: Text = t(
    "You have an infection caused by a virus. Antibiotics will not help. Rest and drink lots of fluids. Call us if you are not better in 10 days.",
    "Tiene una infección causada por un virus. Los antibióticos no ayudan. Descanse y tome muchos líquidos. Llámenos si no mejora en 10 días.",
);
pub const ANTIBIOTIC: Text = t(
    "You have an infection. Take all of the antibiotic, even if you feel better. Call us if you get a rash.",
    "Tiene una infección. Tome todo el antibiótico, aunque se sienta mejor. Llámenos si le sale un sarpullido.",
);
pub const EAR_INFECTION: Text = t(
    "Your child has an ear infection. Give all of the medicine. Call us if the fever lasts more than 2 days.",
    "Su hijo tiene una infección de oído. Dele toda la medicina. Llámenos si la fiebre dura más de 2 días.",
);
pub const BLADDER: Text = t(
    "You have a bladder infection. Take all of the medicine and drink lots of water. Call us if you have a fever or back pain.",
    "Tiene una infección de la vejiga. Tome toda la medicina y mucha agua. Llámenos si tiene fiebre o dolor de espalda.",
);
pub const SPRAIN: Text = t(
    "You sprained your ankle. Rest it, put ice on it and keep it up. You can take ibuprofen for pain.",
    "Se torció el tobillo. Descánselo, póngale hielo y manténgalo en alto. Puede tomar ibuprofeno para el dolor.",
);
pub const EMERGENCY: Text = t(
    "You were seen in the emergency room today. Rest at home. See your regular doctor in 1 week.",
    "Hoy lo atendieron en la sala de emergencias. Descanse en casa. Vea a su doctor de siempre en 1 semana.",
);
pub const PRENATAL_FIRST: Text = t(
    "You are going to have a baby. Take a prenatal vitamin every day. Do not drink alcohol or smoke.",
    "Felicidades por su embarazo. Tome una vitamina prenatal todos los días. No tome alcohol ni fume.",
);
pub const PRENATAL: Text = t(
    "You and your baby are doing well. Call us right away if you bleed, have bad pain or your baby moves less.",
    "Usted y su bebé están bien. Llámenos de inmediato si sangra, tiene mucho dolor o su bebé se mueve menos.",
);
pub const SPECIALIST: Text = t(
    "Thank you for seeing our specialist. We will share what we found with your regular doctor.",
    "Gracias por ver a nuestro especialista. Compartiremos lo que encontramos con su doctor de siempre.",
);
pub const LABS_SENT: Text = t(
    "We sent your blood tests to the lab. You will see the results in the portal.",
    "Enviamos sus análisis de sangre al laboratorio. Verá los resultados en el portal.",
);
pub const BRING_MEDICINES: Text =
    t("Bring all your medicines to your next visit.", "Traiga todas sus medicinas a su próxima cita.");
pub const NEXT_WELL_VISIT: Text = t(
    "Bring your child back for the next checkup in a few months.",
    "Traiga a su hijo a su próximo chequeo en unos meses.",
);
pub const COME_BACK_3: Text = t("Come back in 3 months.", "Regrese en 3 meses.");
pub const COME_BACK_6: Text = t("Come back in 6 months.", "Regrese en 6 meses.");
pub const COME_BACK_YEAR: Text = t("See us again in 1 year.", "Vuelva a vernos en 1 año.");

/// Every template, for the reading-level test.
#[cfg(test)]
pub const ALL: &[Text] = &[
    CHECK_UP,
    NEW_PATIENT,
    WELL_BABY,
    WELL_CHILD,
    WELL_TEEN,
    SHOTS_CHILD,
    SHOTS_ADULT,
    FLU_SHOT,
    DIABETES_NEW,
    DIABETES_BETTER,
    DIABETES_WORSE,
    INSULIN_START,
    A1C_GOAL,
    BP_NEW,
    BP_GOOD,
    BP_HIGH,
    BP_CLOSE,
    BP_MED_ADDED,
    CHOLESTEROL_NEW,
    CHOLESTEROL_OK,
    WEIGHT,
    ASTHMA,
    DEPRESSION,
    DEPRESSION_FOLLOW_UP,
    THYROID,
    HEART,
    KIDNEY,
    JOINTS,
    BONES,
    SKIN,
    ACNE,
    IRON,
    VITAMIN_D,
    ALLERGY,
    EPI_PEN,
    COLD,
    ANTIBIOTIC,
    EAR_INFECTION,
    BLADDER,
    SPRAIN,
    EMERGENCY,
    PRENATAL_FIRST,
    PRENATAL,
    SPECIALIST,
    LABS_SENT,
    BRING_MEDICINES,
    NEXT_WELL_VISIT,
    COME_BACK_3,
    COME_BACK_6,
    COME_BACK_YEAR,
];

/// An after-visit summary made of `parts`, in the patient's language.
pub fn compose(parts: &[Text], spanish: bool) -> String {
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part.get(spanish));
    }
    out
}

/// The Flesch-Kincaid grade level of English `text`.
#[cfg(test)]
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let sentences = text.matches(['.', '!', '?']).count().max(1);
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let (w, s, y) = (words.len().max(1) as f64, sentences as f64, syllables as f64);
    0.39 * (w / s) + 11.8 * (y / w) - 15.59
}

/// Syllables in an English word: groups of vowels, less a silent final e. A numeral counts as
/// one, which is how the grade formulas are usually applied.
#[cfg(test)]
pub fn syllables(word: &str) -> usize {
    let word: String =
        word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if word.is_empty() {
        return 1;
    }
    let is_vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut previous_vowel = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    if word.ends_with('e') && !word.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_syllable_counter_counts_common_words_right() {
        for (word, n) in [
            ("blood", 1),
            ("sugar", 2),
            ("medicine", 3),
            ("take", 1),
            ("pressure", 2),
            ("every", 3),
            ("little", 2),
            ("cholesterol", 4),
            ("7", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn every_after_visit_summary_template_reads_at_grade_eight_or_below() {
        let too_hard: Vec<String> = ALL
            .iter()
            .map(|text| (flesch_kincaid_grade(text.en), text.en))
            .filter(|(grade, _)| *grade > 8.0)
            .map(|(grade, text)| format!("grade {grade:.1}: {text}"))
            .collect();
        assert!(too_hard.is_empty(), "{too_hard:#?}");
    }

    #[test]
    fn long_summaries_built_from_the_templates_stay_at_grade_eight_or_below() {
        let summary = compose(
            &[
                CHECK_UP,
                DIABETES_WORSE,
                INSULIN_START,
                A1C_GOAL,
                BP_HIGH,
                BP_MED_ADDED,
                CHOLESTEROL_OK,
                LABS_SENT,
                COME_BACK_3,
            ],
            false,
        );
        assert!(flesch_kincaid_grade(&summary) <= 8.0, "{summary}");
    }

    #[test]
    fn every_template_has_both_languages_and_short_sentences() {
        for text in ALL {
            for body in [text.en, text.es] {
                assert!(!body.is_empty());
                assert!(body.ends_with('.'), "{body}");
                for sentence in body.split(['.', '!', '?']).filter(|s| !s.trim().is_empty()) {
                    let words = sentence.split_whitespace().count();
                    assert!(words <= 20, "{words} words: {sentence}");
                }
            }
            assert_ne!(text.en, text.es);
        }
    }
}
