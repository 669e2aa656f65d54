# Plain-language notes on common tests, shown next to a result (frontend/src/lab_guide.rs says
# which messages each test has). Keep them plain: grade 6 to 7, 1 to 3 short sentences, common
# causes only, never a diagnosis, and no numbers for ranges (the lab's own range is shown).
# Every key here must also be in es/lab-tests.ftl (a test checks).

lab-guide-what-title = What this test measures
lab-guide-meaning-title = What a high or low result can mean
lab-guide-abnormal-title = What a positive result can mean
lab-guide-more = Read more about this test on MedlinePlus
lab-guide-more-note = MedlinePlus is a free health website from the U.S. National Library of Medicine.
lab-guide-not-diagnosis = These notes list common causes. They cannot tell you what your own result means.
lab-guide-questions = Talk with your care team if you have questions about your results.

## Groups of tests (panels)

lab-cbc-name = Complete blood count (CBC)
lab-cbc-what = This group of tests counts the cells in your blood. It checks your red cells, which carry oxygen, your white cells, which fight germs, and your platelets, which help stop bleeding.

lab-cmp-name = Comprehensive metabolic panel (CMP)
lab-cmp-what = This group of tests gives a picture of how your body is working. It checks your blood sugar, the salts and minerals in your blood, and how well your kidneys and liver work.

lab-bmp-name = Basic metabolic panel (BMP)
lab-bmp-what = This group of tests checks your blood sugar, the salts and minerals in your blood, and how well your kidneys work.

lab-lipids-name = Cholesterol test (lipid panel)
lab-lipids-what = This group of tests measures the fats in your blood, such as cholesterol. It helps your care team learn your chance of heart disease and stroke.

lab-urinalysis-name = Urine test (urinalysis)
lab-urinalysis-what = This group of tests checks your urine with a test strip. It can show signs of an infection, kidney problems or diabetes.

lab-bp-name = Blood pressure
lab-bp-what = Blood pressure is how hard your blood pushes on the walls of your blood vessels. The top number is taken when your heart beats. The bottom number is taken when your heart rests between beats.

## Blood count

lab-wbc-name = White blood cells (WBC)
lab-wbc-what = White blood cells help your body fight germs. This test counts how many you have.
lab-wbc-high = A high count often means your body is fighting an infection. Stress, smoking, some medicines and some other illnesses can also raise it.
lab-wbc-low = A low count can make it harder for your body to fight germs. Some infections, some medicines and problems in the bone marrow, where blood cells are made, can lower it.

lab-rbc-name = Red blood cells (RBC)
lab-rbc-what = Red blood cells carry oxygen from your lungs to the rest of your body. This test counts how many you have.
lab-rbc-high = A high count can mean your body is low on water. It can also mean your body makes extra red cells, for example if you smoke or have a lung problem.
lab-rbc-low = A low count can be a sign of anemia, which can make you feel tired or weak. Low iron, blood loss and some long-term illnesses are common causes.

lab-hemoglobin-name = Hemoglobin
lab-hemoglobin-what = Hemoglobin is the part of your red blood cells that carries oxygen. This test shows how much of it your blood has.
lab-hemoglobin-high = A high level can mean your body is low on water. Smoking, living high in the mountains and some lung or heart problems can also raise it.
lab-hemoglobin-low = A low level is a sign of anemia, which can make you feel tired, weak or short of breath. Low iron, blood loss and some long-term illnesses are common causes.

lab-hematocrit-name = Hematocrit
lab-hematocrit-what = Hematocrit shows how much of your blood is made up of red blood cells.
lab-hematocrit-high = A high level can mean your body is low on water. It can also mean your body makes extra red cells, for example if you smoke or have a lung problem.
lab-hematocrit-low = A low level can be a sign of anemia. Low iron, blood loss and some long-term illnesses are common causes.

lab-mcv-name = Red cell size (MCV)
lab-mcv-what = MCV is the average size of your red blood cells. It helps your care team find the cause of anemia.
lab-mcv-high = Large red cells can mean your body is low on vitamin B12 or folate, a B vitamin. Drinking a lot of alcohol, liver problems and some medicines can also cause them.
lab-mcv-low = Small red cells most often mean your body is low on iron. Some blood traits that run in families can also cause them.

lab-mch-name = Hemoglobin in each red cell (MCH)
lab-mch-what = MCH is the average amount of hemoglobin in each red blood cell. It is read together with your other red cell results.
lab-mch-high = A high level often goes with large red cells. This can mean your body is low on vitamin B12 or folate, a B vitamin.
lab-mch-low = A low level often goes with small red cells. This most often means your body is low on iron.

lab-mchc-name = How full of hemoglobin red cells are (MCHC)
lab-mchc-what = MCHC shows how packed with hemoglobin your red blood cells are.
lab-mchc-high = A high level is not common. It can happen when red cells have an unusual shape or break down early, and sometimes it comes from how the sample was handled.
lab-mchc-low = A low level often means your body is low on iron.

lab-rdw-name = Range of red cell sizes (RDW)
lab-rdw-what = RDW shows how much your red blood cells differ from each other in size.
lab-rdw-high = A high level means your red cells come in many sizes. This can happen with low iron, low vitamin B12 or folate, or after blood loss. A low level is not a concern.

lab-platelets-name = Platelets
lab-platelets-what = Platelets are small cells that help your blood clot and stop bleeding. This test counts how many you have.
lab-platelets-high = A high count can happen with an infection, low iron or after blood loss. Less often, it comes from a problem in the bone marrow, where blood cells are made.
lab-platelets-low = A low count can make you bruise or bleed more easily. Some infections, some medicines, liver problems and bone marrow problems can lower it.

## Body chemistry

lab-glucose-name = Blood sugar (glucose)
lab-glucose-what = Glucose is the main sugar in your blood and your body's main source of energy. This test checks for diabetes and helps manage it.
lab-glucose-high = A high level can be a sign of diabetes or prediabetes. It can also be high if you ate before the test, or with stress, illness or some medicines.
lab-glucose-low = A low level can make you shaky, sweaty or confused. It can come from some diabetes medicines. Not eating for a long time or drinking alcohol can also cause it.

lab-bun-name = Urea nitrogen (BUN)
lab-bun-what = BUN is a waste made when your body breaks down protein. Your kidneys remove it, so this test helps show how well they work.
lab-bun-high = A high level can mean your kidneys are not working as well as they should. Being low on water, a diet high in protein, some medicines and bleeding in the stomach can also raise it.
lab-bun-low = A low level is not common and is usually not a concern. It can happen with a diet low in protein, with liver problems or during pregnancy.

lab-creatinine-name = Creatinine
lab-creatinine-what = Creatinine is a waste that comes from your muscles. Your kidneys remove it from your blood, so this test shows how well they work.
lab-creatinine-high = A high level can mean your kidneys are not working as well as they should. Being low on water, some medicines and having a lot of muscle can also raise it.
lab-creatinine-low = A low level is usually not a concern. It can happen if you have less muscle, for example in older age or after a long illness.

lab-egfr-name = Kidney filter rate (eGFR)
lab-egfr-what = eGFR is an estimate of how well your kidneys clean your blood. It is worked out from your creatinine result, your age and your sex.
lab-egfr-low = A low level can mean your kidneys are not cleaning your blood as well as they should. It can be low for a short time, so your care team may check it again. A high level is usually not a concern.

lab-sodium-name = Sodium
lab-sodium-what = Sodium is a salt that helps keep the right amount of water in your body. It also helps your nerves and muscles work.
lab-sodium-high = A high level most often means your body is low on water. This can happen from not drinking enough, sweating a lot, or throwing up or diarrhea.
lab-sodium-low = A low level can happen from drinking a great deal of water or from some medicines, such as water pills. Heart, kidney and liver problems can also lower it.

lab-potassium-name = Potassium
lab-potassium-what = Potassium is a mineral that helps your heart, nerves and muscles work.
lab-potassium-high = A high level can mean your kidneys are not removing enough potassium. Some medicines can also raise it. Sometimes it is high only because blood cells broke open after the blood was drawn.
lab-potassium-low = A low level can happen with throwing up, diarrhea or some water pills. It can cause weak muscles or cramps.

lab-chloride-name = Chloride
lab-chloride-what = Chloride is a salt that works with sodium to keep the right amount of water and acid in your body.
lab-chloride-high = A high level can mean your body is low on water. It can also happen with diarrhea, some kidney problems or some medicines.
lab-chloride-low = A low level can happen with a lot of throwing up or with some water pills. It can also happen when your body holds on to too much water.

lab-co2-name = Carbon dioxide (CO2, bicarbonate)
lab-co2-what = This test measures bicarbonate, which helps keep the right balance of acid in your blood.
lab-co2-high = A high level can happen with a lot of throwing up, with some water pills or with long-term lung problems.
lab-co2-low = A low level can mean there is too much acid in your blood. It can happen with diarrhea, kidney problems or diabetes that is out of control.

lab-calcium-name = Calcium
lab-calcium-what = Calcium is a mineral that keeps your bones strong. It also helps your nerves, muscles and heart work.
lab-calcium-high = A high level can mean small glands in your neck, called parathyroid glands, are too active. Taking a lot of calcium or vitamin D can also raise it.
lab-calcium-low = A low level often goes with low albumin, a protein that carries calcium in the blood. Low vitamin D, low magnesium and kidney problems can also lower it.

lab-protein-name = Total protein
lab-protein-what = This test measures all the protein in your blood. Proteins help your body grow, heal and fight germs.
lab-protein-high = A high level can mean your body is low on water. It can also happen with a long-term infection or illness, and rarely with a bone marrow problem.
lab-protein-low = A low level can mean your body is not getting or keeping enough protein. This can happen with liver or kidney problems or with not eating enough.

lab-albumin-name = Albumin
lab-albumin-what = Albumin is the main protein in your blood. Your liver makes it, and it helps keep fluid inside your blood vessels.
lab-albumin-high = A high level usually means your body is low on water.
lab-albumin-low = A low level can come from liver or kidney problems. Not eating enough or a serious illness can also lower it.

lab-bilirubin-name = Bilirubin
lab-bilirubin-what = Bilirubin is a yellow substance made when old red blood cells break down. Your liver clears it from your body.
lab-bilirubin-high = A high level can mean a liver or gallbladder problem, or that red blood cells are breaking down faster than usual. A small rise is common in some healthy people and is harmless. A low level is not a concern.

lab-alk-phos-name = Alkaline phosphatase (ALP)
lab-alk-phos-what = ALP is a protein found mostly in your liver and bones. This test helps check the health of both.
lab-alk-phos-high = A high level can mean a liver or gallbladder problem, or more bone growth or repair. It is normally higher in children and teens, who are still growing, and during pregnancy.
lab-alk-phos-low = A low level is not common and is usually not a concern. It can happen when your body is low on zinc or magnesium, or when you are not eating well.

lab-alt-name = Liver test (ALT)
lab-alt-what = ALT is a protein found mostly in your liver. When the liver is irritated or hurt, more ALT leaks into your blood.
lab-alt-high = A high level can mean your liver is irritated, for example by some medicines, alcohol or fat in the liver. Infections such as hepatitis can also raise it. A low level is not a concern.

lab-ast-name = Liver test (AST)
lab-ast-what = AST is a protein found in your liver, heart and muscles. It is checked with ALT to look at the health of your liver.
lab-ast-high = A high level can mean your liver is irritated, for example by some medicines, alcohol or fat in the liver. Hard exercise or a muscle injury can also raise it. A low level is not a concern.

## Fats in the blood

lab-cholesterol-name = Total cholesterol
lab-cholesterol-what = Cholesterol is a fat in your blood. Your body needs some, but too much can build up in your blood vessels.
lab-cholesterol-high = A high level can raise your chance of heart disease and stroke. Food, weight, activity, other illnesses and your family's genes all play a part. A low level is usually not a concern.

lab-ldl-name = LDL (bad) cholesterol
lab-ldl-what = LDL is often called bad cholesterol. It can build up in the walls of your blood vessels and make them narrow.
lab-ldl-high = A high level raises your chance of heart disease and stroke. Eating less fatty meat and fried food, moving more and some medicines can lower it. For LDL, lower is usually better.

lab-hdl-name = HDL (good) cholesterol
lab-hdl-what = HDL is often called good cholesterol. It helps clear extra cholesterol from your blood.
lab-hdl-low = A low level can raise your chance of heart disease. Being active, not smoking and a healthy weight can raise it. For HDL, higher is usually better.

lab-triglycerides-name = Triglycerides
lab-triglycerides-what = Triglycerides are a type of fat in your blood. Your body stores extra energy from food in this form.
lab-triglycerides-high = A high level can raise your chance of heart disease. It can go with eating before the test, extra weight, diabetes, alcohol and some medicines. A low level is usually not a concern.

## Other blood tests

lab-a1c-name = Hemoglobin A1c (average blood sugar)
lab-a1c-what = This test shows your average blood sugar over the past two to three months. It is used to check for diabetes and to see how well it is controlled.
lab-a1c-high = A high level can be a sign of diabetes or prediabetes. If you have diabetes, it can mean your blood sugar has been higher than your goal.
lab-a1c-low = A low level is not common. It can happen after blood loss, with some kinds of anemia, or when diabetes medicines often make your blood sugar too low.

lab-tsh-name = Thyroid test (TSH)
lab-tsh-what = TSH is a hormone that tells your thyroid gland how much thyroid hormone to make. The thyroid helps control how your body uses energy.
lab-tsh-high = A high level often means your thyroid is slow and is not making enough hormone. This can make you feel tired, cold or slow.
lab-tsh-low = A low level often means your thyroid is too active and is making too much hormone. Taking too much thyroid medicine can also lower it.

lab-free-t4-name = Thyroid hormone (free T4)
lab-free-t4-what = T4 is the main hormone your thyroid gland makes. This test measures the part that is free to work in your body.
lab-free-t4-high = A high level can mean your thyroid is too active, or that your dose of thyroid medicine is too high.
lab-free-t4-low = A low level can mean your thyroid is slow and is not making enough hormone.

lab-vitamin-d-name = Vitamin D
lab-vitamin-d-what = Vitamin D helps your body take in calcium and keep your bones strong. Your skin makes it in sunlight, and you also get it from food and pills.
lab-vitamin-d-high = A high level is rare. It usually comes from taking a lot of vitamin D pills.
lab-vitamin-d-low = A low level is common. It can come from little time in the sun, darker skin or some health problems, and over time it can weaken your bones.

## Urine tests

lab-urine-albumin-name = Albumin in urine (microalbumin)
lab-urine-albumin-what = This test looks for small amounts of albumin, a protein, in your urine. It can find early kidney damage, often in people with diabetes or high blood pressure.
lab-urine-albumin-high = A high level can be an early sign of kidney damage. Hard exercise, a fever or an infection can also raise it for a short time, so the test is often done again.

lab-urine-sg-name = How concentrated urine is (specific gravity)
lab-urine-sg-what = This test shows how much water is in your urine. It helps show how much water your body has.
lab-urine-sg-high = A high level means your urine is strong, with little water. This often means you need more fluids, and it can also happen with sugar or protein in the urine.
lab-urine-sg-low = A low level means your urine is watery. This often means you drank a lot of fluids. Less often, it comes from a kidney problem.

lab-urine-ph-name = Urine acid level (pH)
lab-urine-ph-what = This test shows how much acid is in your urine. Food, medicines and the balance of your body all change it.
lab-urine-ph-high = A high pH means your urine has less acid. It can come from your diet, some medicines or a urine infection.
lab-urine-ph-low = A low pH means your urine has more acid. It can come from a diet high in meat, from diarrhea, or from diabetes that is out of control.

lab-urine-protein-name = Protein in urine
lab-urine-protein-what = This test checks for protein in your urine. Healthy kidneys keep most protein in your blood.
lab-urine-protein-abnormal = Protein in your urine can be a sign of kidney damage. A fever, hard exercise or an infection can also cause it for a short time, so the test is often done again.

lab-urine-glucose-name = Sugar in urine (glucose)
lab-urine-glucose-what = This test checks for sugar in your urine. Most of the time there is none, because your kidneys keep it in your blood.
lab-urine-glucose-abnormal = Sugar in your urine often means your blood sugar is high, as in diabetes. Some diabetes pills also put sugar in the urine on purpose.

lab-urine-ketones-name = Ketones in urine
lab-urine-ketones-what = Ketones are made when your body burns fat for energy instead of sugar. This test checks for them in your urine.
lab-urine-ketones-abnormal = Ketones can show up if you have not eaten for a while or have been throwing up. A diet with very little bread and sugar can also cause them. With diabetes, they can mean your blood sugar is out of control, so talk with your care team.

lab-urine-blood-name = Blood in urine
lab-urine-blood-what = This test checks your urine for blood that is too small to see.
lab-urine-blood-abnormal = Blood in your urine can come from an infection, kidney stones, hard exercise or your period. Your care team may test your urine again to find the cause.

lab-urine-leukocytes-name = White blood cells in urine (leukocyte esterase)
lab-urine-leukocytes-what = This test looks for signs of white blood cells in your urine. White blood cells fight germs.
lab-urine-leukocytes-abnormal = A positive result often means a bladder or kidney infection. It can also show up for other reasons, so your care team may check your urine again.

lab-urine-nitrite-name = Nitrite in urine
lab-urine-nitrite-what = Some germs that cause bladder infections make nitrite in urine. This test looks for it.
lab-urine-nitrite-abnormal = A positive result often means a bladder or kidney infection. But you can still have an infection when this test is negative.

## Vital signs

lab-systolic-name = Top blood pressure number (systolic)
lab-systolic-what = The top number shows how hard your blood pushes on your blood vessels when your heart beats.
lab-systolic-high = A high number can mean high blood pressure, which over time can harm your heart, brain and kidneys. Pain, stress or rushing to your visit can also raise it for a short time.
lab-systolic-low = A low number can make you feel dizzy or faint. It can happen when your body is low on water, with some medicines or with bleeding.

lab-diastolic-name = Bottom blood pressure number (diastolic)
lab-diastolic-what = The bottom number shows how hard your blood pushes on your blood vessels while your heart rests between beats.
lab-diastolic-high = A high number can mean high blood pressure, which over time can harm your heart, brain and kidneys.
lab-diastolic-low = A low number can happen when your body is low on water or with some medicines. It is often not a concern if you feel well.

lab-heart-rate-name = Heart rate (pulse)
lab-heart-rate-what = Your heart rate is how many times your heart beats in a minute.
lab-heart-rate-high = A fast heart rate can come from exercise, fever, pain, worry, caffeine or being low on water. Some heart rhythm problems can also cause it.
lab-heart-rate-low = A slow heart rate is common in people who are very fit and during sleep. Some medicines and heart rhythm problems can also slow it.

lab-breathing-rate-name = Breathing rate
lab-breathing-rate-what = Your breathing rate is how many breaths you take in a minute.
lab-breathing-rate-high = Fast breathing can come from fever, pain or worry. It can also come from a lung infection, or from moving around just before it was counted.
lab-breathing-rate-low = Slow breathing can happen in deep sleep. Some medicines, such as strong pain medicines, can also slow it.

lab-temperature-name = Body temperature
lab-temperature-what = Your temperature shows how warm your body is inside.
lab-temperature-high = A high temperature is a fever. It most often means your body is fighting an infection.
lab-temperature-low = A low temperature can come from being in the cold. In babies and older adults, it can also be a sign of illness.

lab-oxygen-name = Oxygen level (oxygen saturation)
lab-oxygen-what = This test shows how much oxygen your blood is carrying. It is often measured with a small clip on your finger.
lab-oxygen-low = A low level can mean your lungs are not getting enough oxygen into your blood, for example with a lung infection, asthma or COPD. Cold fingers or nail polish can also give a low reading. A high level is not a concern.

lab-weight-name = Weight
lab-weight-what = Your weight is checked at visits to follow your health over time. Changes help your care team see how you are doing.

lab-height-name = Height
lab-height-what = Your height is used with your weight to work out your BMI. In children, it shows how they are growing.

lab-bmi-name = Body mass index (BMI)
lab-bmi-what = BMI uses your height and weight to show whether your weight is in a healthy range for your height.
lab-bmi-high = A high BMI can mean extra body weight, which can raise the chance of diabetes, heart disease and joint pain. BMI cannot tell muscle from fat, so it is only one part of the picture.
lab-bmi-low = A low BMI can mean you weigh less than is healthy for your height. It can come from not eating enough or from an illness, and some people are just thin.

lab-head-name = Head size (head circumference)
lab-head-what = This measures around your child's head. It helps check that the head and brain are growing well.
lab-head-high = A larger head than expected is often normal and can run in families. Your care team may measure it again to check growth over time.
lab-head-low = A smaller head than expected can also be normal. Your care team may measure it again to check growth over time.
