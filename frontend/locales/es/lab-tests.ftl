# Notas sencillas sobre pruebas comunes, junto a cada resultado (frontend/src/lab_guide.rs dice
# qué mensajes tiene cada prueba). Frases cortas, causas comunes, nunca un diagnóstico y sin
# números de rangos (se muestra el rango del laboratorio). Cada clave debe estar también en
# en/lab-tests.ftl (una prueba lo revisa).

lab-guide-what-title = Qué mide esta prueba
lab-guide-meaning-title = Qué puede significar un resultado alto o bajo
lab-guide-abnormal-title = Qué puede significar un resultado positivo
lab-guide-more = Lea más sobre esta prueba en MedlinePlus
lab-guide-more-note = MedlinePlus es un sitio web de salud gratuito de la Biblioteca Nacional de Medicina de EE. UU.
lab-guide-not-diagnosis = Estas notas dicen las causas comunes. No pueden decirle qué significa su propio resultado.
lab-guide-questions = Hable con su equipo de atención si tiene preguntas sobre sus resultados.

## Grupos de pruebas (paneles)

lab-cbc-name = Hemograma completo (CBC)
lab-cbc-what = Este grupo de pruebas cuenta las células de su sangre. Revisa los glóbulos rojos, que llevan oxígeno, los glóbulos blancos, que combaten los microbios, y las plaquetas, que ayudan a parar el sangrado.

lab-cmp-name = Panel metabólico completo (CMP)
lab-cmp-what = Este grupo de pruebas muestra cómo funciona su cuerpo. Revisa el azúcar en la sangre, las sales y los minerales de la sangre, y cómo funcionan sus riñones y su hígado.

lab-bmp-name = Panel metabólico básico (BMP)
lab-bmp-what = Este grupo de pruebas revisa el azúcar en la sangre, las sales y los minerales de la sangre, y cómo funcionan sus riñones.

lab-lipids-name = Prueba de colesterol (perfil de lípidos)
lab-lipids-what = Este grupo de pruebas mide las grasas de su sangre, como el colesterol. Ayuda a su equipo de atención a saber su riesgo de enfermedad del corazón y de derrame cerebral.

lab-urinalysis-name = Prueba de orina (análisis de orina)
lab-urinalysis-what = Este grupo de pruebas revisa su orina con una tira. Puede mostrar señales de una infección, de problemas de los riñones o de diabetes.

lab-bp-name = Presión arterial
lab-bp-what = La presión arterial es la fuerza con que la sangre empuja las paredes de los vasos. El número de arriba se toma cuando el corazón late. El número de abajo se toma cuando el corazón descansa entre latidos.

## Conteo de la sangre

lab-wbc-name = Glóbulos blancos (WBC)
lab-wbc-what = Los glóbulos blancos ayudan a su cuerpo a combatir los microbios. Esta prueba cuenta cuántos tiene.
lab-wbc-high = Un conteo alto muchas veces quiere decir que su cuerpo combate una infección. El estrés, fumar, algunas medicinas y otras enfermedades también pueden subirlo.
lab-wbc-low = Un conteo bajo puede hacer que a su cuerpo le cueste más combatir los microbios. Algunas infecciones, algunas medicinas y problemas de la médula de los huesos, donde se hacen las células de la sangre, pueden bajarlo.

lab-rbc-name = Glóbulos rojos (RBC)
lab-rbc-what = Los glóbulos rojos llevan el oxígeno de los pulmones al resto del cuerpo. Esta prueba cuenta cuántos tiene.
lab-rbc-high = Un conteo alto puede querer decir que a su cuerpo le falta agua. También puede querer decir que su cuerpo hace glóbulos rojos de más, por ejemplo si fuma o tiene un problema de los pulmones.
lab-rbc-low = Un conteo bajo puede ser señal de anemia, que puede hacerle sentir cansancio o debilidad. Las causas comunes son poco hierro, pérdida de sangre y algunas enfermedades de largo plazo.

lab-hemoglobin-name = Hemoglobina
lab-hemoglobin-what = La hemoglobina es la parte de los glóbulos rojos que lleva el oxígeno. Esta prueba muestra cuánta hay en su sangre.
lab-hemoglobin-high = Un nivel alto puede querer decir que a su cuerpo le falta agua. Fumar, vivir en lo alto de las montañas y algunos problemas de los pulmones o del corazón también pueden subirlo.
lab-hemoglobin-low = Un nivel bajo es señal de anemia, que puede hacerle sentir cansancio, debilidad o falta de aire. Las causas comunes son poco hierro, pérdida de sangre y algunas enfermedades de largo plazo.

lab-hematocrit-name = Hematocrito
lab-hematocrit-what = El hematocrito muestra qué parte de su sangre está hecha de glóbulos rojos.
lab-hematocrit-high = Un nivel alto puede querer decir que a su cuerpo le falta agua. También puede querer decir que su cuerpo hace glóbulos rojos de más, por ejemplo si fuma o tiene un problema de los pulmones.
lab-hematocrit-low = Un nivel bajo puede ser señal de anemia. Las causas comunes son poco hierro, pérdida de sangre y algunas enfermedades de largo plazo.

lab-mcv-name = Tamaño de los glóbulos rojos (MCV)
lab-mcv-what = El MCV es el tamaño promedio de sus glóbulos rojos. Ayuda a su equipo de atención a buscar la causa de una anemia.
lab-mcv-high = Los glóbulos rojos grandes pueden querer decir que le falta vitamina B12 o folato, una vitamina B. Tomar mucho alcohol, problemas del hígado y algunas medicinas también pueden causarlos.
lab-mcv-low = Los glóbulos rojos pequeños casi siempre quieren decir que le falta hierro. Algunos rasgos de la sangre que vienen de familia también pueden causarlos.

lab-mch-name = Hemoglobina en cada glóbulo rojo (MCH)
lab-mch-what = El MCH es la cantidad promedio de hemoglobina en cada glóbulo rojo. Se lee junto con sus otros resultados de glóbulos rojos.
lab-mch-high = Un nivel alto muchas veces va con glóbulos rojos grandes. Esto puede querer decir que le falta vitamina B12 o folato, una vitamina B.
lab-mch-low = Un nivel bajo muchas veces va con glóbulos rojos pequeños. Esto casi siempre quiere decir que le falta hierro.

lab-mchc-name = Qué tan llenos de hemoglobina están los glóbulos rojos (MCHC)
lab-mchc-what = El MCHC muestra qué tan llenos de hemoglobina están sus glóbulos rojos.
lab-mchc-high = Un nivel alto no es común. Puede pasar cuando los glóbulos rojos tienen una forma rara o se rompen antes de tiempo, y a veces viene de cómo se trató la muestra.
lab-mchc-low = Un nivel bajo muchas veces quiere decir que le falta hierro.

lab-rdw-name = Variación del tamaño de los glóbulos rojos (RDW)
lab-rdw-what = El RDW muestra cuánto cambia el tamaño de un glóbulo rojo a otro.
lab-rdw-high = Un nivel alto quiere decir que sus glóbulos rojos son de muchos tamaños. Esto puede pasar si le falta hierro, vitamina B12 o folato, o después de perder sangre. Un nivel bajo no es motivo de preocupación.

lab-platelets-name = Plaquetas
lab-platelets-what = Las plaquetas son células pequeñas que ayudan a la sangre a coagular y a parar el sangrado. Esta prueba cuenta cuántas tiene.
lab-platelets-high = Un conteo alto puede pasar con una infección, con poco hierro o después de perder sangre. Con menos frecuencia, viene de un problema de la médula de los huesos, donde se hacen las células de la sangre.
lab-platelets-low = Un conteo bajo puede hacer que le salgan moretones o que sangre con más facilidad. Algunas infecciones, algunas medicinas y problemas del hígado o de la médula de los huesos pueden bajarlo.

## Química del cuerpo

lab-glucose-name = Azúcar en la sangre (glucosa)
lab-glucose-what = La glucosa es el azúcar principal de su sangre y la fuente principal de energía de su cuerpo. Esta prueba busca la diabetes y ayuda a controlarla.
lab-glucose-high = Un nivel alto puede ser señal de diabetes o prediabetes. También puede estar alto si comió antes de la prueba, o con estrés, una enfermedad o algunas medicinas.
lab-glucose-low = Un nivel bajo puede causar temblores, sudor o confusión. Puede venir de algunas medicinas para la diabetes. Pasar mucho tiempo sin comer o tomar alcohol también puede causarlo.

lab-bun-name = Nitrógeno ureico (BUN)
lab-bun-what = El BUN es un desecho que se forma cuando su cuerpo usa las proteínas. Los riñones lo sacan de la sangre, así que esta prueba ayuda a ver cómo funcionan.
lab-bun-high = Un nivel alto puede querer decir que sus riñones no funcionan tan bien como deberían. La falta de agua, comer muchas proteínas, algunas medicinas y un sangrado en el estómago también pueden subirlo.
lab-bun-low = Un nivel bajo no es común y casi nunca es motivo de preocupación. Puede pasar si come pocas proteínas, con problemas del hígado o durante el embarazo.

lab-creatinine-name = Creatinina
lab-creatinine-what = La creatinina es un desecho que viene de los músculos. Los riñones la sacan de la sangre, así que esta prueba muestra cómo funcionan.
lab-creatinine-high = Un nivel alto puede querer decir que sus riñones no funcionan tan bien como deberían. La falta de agua, algunas medicinas y tener mucho músculo también pueden subirlo.
lab-creatinine-low = Un nivel bajo casi nunca es motivo de preocupación. Puede pasar si tiene menos músculo, por ejemplo en la vejez o después de una enfermedad larga.

lab-egfr-name = Filtración de los riñones (eGFR)
lab-egfr-what = El eGFR calcula qué tan bien limpian la sangre sus riñones. Se saca de su resultado de creatinina, su edad y su sexo.
lab-egfr-low = Un nivel bajo puede querer decir que sus riñones no limpian la sangre tan bien como deberían. Puede estar bajo por poco tiempo, así que su equipo de atención quizás repita la prueba. Un nivel alto casi nunca es motivo de preocupación.

lab-sodium-name = Sodio
lab-sodium-what = El sodio es una sal que ayuda a mantener la cantidad justa de agua en su cuerpo. También ayuda a que funcionen los nervios y los músculos.
lab-sodium-high = Un nivel alto casi siempre quiere decir que a su cuerpo le falta agua. Esto puede pasar si no toma suficiente líquido, si suda mucho o si tiene vómitos o diarrea.
lab-sodium-low = Un nivel bajo puede pasar si toma muchísima agua o con algunas medicinas, como los diuréticos (pastillas para orinar). Los problemas del corazón, de los riñones y del hígado también pueden bajarlo.

lab-potassium-name = Potasio
lab-potassium-what = El potasio es un mineral que ayuda a que funcionen su corazón, sus nervios y sus músculos.
lab-potassium-high = Un nivel alto puede querer decir que sus riñones no sacan suficiente potasio. Algunas medicinas también pueden subirlo. A veces sale alto solo porque se rompieron células de la sangre después de sacarla.
lab-potassium-low = Un nivel bajo puede pasar con vómitos, diarrea o algunos diuréticos. Puede causar debilidad en los músculos o calambres.

lab-chloride-name = Cloruro
lab-chloride-what = El cloruro es una sal que trabaja con el sodio para mantener la cantidad justa de agua y de ácido en su cuerpo.
lab-chloride-high = Un nivel alto puede querer decir que a su cuerpo le falta agua. También puede pasar con diarrea, algunos problemas de los riñones o algunas medicinas.
lab-chloride-low = Un nivel bajo puede pasar con muchos vómitos o con algunos diuréticos. También puede pasar cuando su cuerpo guarda demasiada agua.

lab-co2-name = Dióxido de carbono (CO2, bicarbonato)
lab-co2-what = Esta prueba mide el bicarbonato, que ayuda a mantener el equilibrio justo de ácido en su sangre.
lab-co2-high = Un nivel alto puede pasar con muchos vómitos, con algunos diuréticos o con problemas de los pulmones de largo plazo.
lab-co2-low = Un nivel bajo puede querer decir que hay demasiado ácido en su sangre. Puede pasar con diarrea, problemas de los riñones o una diabetes fuera de control.

lab-calcium-name = Calcio
lab-calcium-what = El calcio es un mineral que mantiene fuertes sus huesos. También ayuda a que funcionen sus nervios, sus músculos y su corazón.
lab-calcium-high = Un nivel alto puede querer decir que unas glándulas pequeñas del cuello, las paratiroides, trabajan de más. Tomar mucho calcio o mucha vitamina D también puede subirlo.
lab-calcium-low = Un nivel bajo muchas veces va con la albúmina baja, una proteína que lleva el calcio en la sangre. La falta de vitamina D o de magnesio y los problemas de los riñones también pueden bajarlo.

lab-protein-name = Proteína total
lab-protein-what = Esta prueba mide toda la proteína de su sangre. Las proteínas ayudan a su cuerpo a crecer, sanar y combatir los microbios.
lab-protein-high = Un nivel alto puede querer decir que a su cuerpo le falta agua. También puede pasar con una infección o enfermedad de largo plazo y, rara vez, con un problema de la médula de los huesos.
lab-protein-low = Un nivel bajo puede querer decir que su cuerpo no recibe o no guarda suficiente proteína. Esto puede pasar con problemas del hígado o de los riñones, o si no come lo suficiente.

lab-albumin-name = Albúmina
lab-albumin-what = La albúmina es la proteína principal de su sangre. La hace el hígado y ayuda a mantener el líquido dentro de los vasos de la sangre.
lab-albumin-high = Un nivel alto casi siempre quiere decir que a su cuerpo le falta agua.
lab-albumin-low = Un nivel bajo puede venir de problemas del hígado o de los riñones. No comer lo suficiente o una enfermedad grave también pueden bajarlo.

lab-bilirubin-name = Bilirrubina
lab-bilirubin-what = La bilirrubina es una sustancia amarilla que se forma cuando se rompen los glóbulos rojos viejos. El hígado la saca de su cuerpo.
lab-bilirubin-high = Un nivel alto puede querer decir un problema del hígado o de la vesícula, o que los glóbulos rojos se rompen más rápido de lo normal. Una subida pequeña es común en algunas personas sanas y no hace daño. Un nivel bajo no es motivo de preocupación.

lab-alk-phos-name = Fosfatasa alcalina (ALP)
lab-alk-phos-what = La ALP es una proteína que está sobre todo en el hígado y en los huesos. Esta prueba ayuda a revisar la salud de los dos.
lab-alk-phos-high = Un nivel alto puede querer decir un problema del hígado o de la vesícula, o que los huesos crecen o se reparan más. Es normal que sea más alto en niños y jóvenes que todavía crecen, y durante el embarazo.
lab-alk-phos-low = Un nivel bajo no es común y casi nunca es motivo de preocupación. Puede pasar si le falta zinc o magnesio, o si no come bien.

lab-alt-name = Prueba del hígado (ALT)
lab-alt-what = La ALT es una proteína que está sobre todo en el hígado. Cuando el hígado está irritado o dañado, pasa más ALT a la sangre.
lab-alt-high = Un nivel alto puede querer decir que su hígado está irritado, por ejemplo por algunas medicinas, el alcohol o grasa en el hígado. Las infecciones como la hepatitis también pueden subirlo. Un nivel bajo no es motivo de preocupación.

lab-ast-name = Prueba del hígado (AST)
lab-ast-what = La AST es una proteína que está en el hígado, el corazón y los músculos. Se revisa junto con la ALT para ver la salud de su hígado.
lab-ast-high = Un nivel alto puede querer decir que su hígado está irritado, por ejemplo por algunas medicinas, el alcohol o grasa en el hígado. El ejercicio fuerte o una lesión de los músculos también pueden subirlo. Un nivel bajo no es motivo de preocupación.

## Grasas en la sangre

lab-cholesterol-name = Colesterol total
lab-cholesterol-what = El colesterol es una grasa de la sangre. Su cuerpo necesita un poco, pero si hay mucho puede acumularse en los vasos de la sangre.
lab-cholesterol-high = Un nivel alto puede subir su riesgo de enfermedad del corazón y de derrame cerebral. La comida, el peso, la actividad, otras enfermedades y la herencia de su familia influyen. Un nivel bajo casi nunca es motivo de preocupación.

lab-ldl-name = Colesterol LDL (malo)
lab-ldl-what = Al LDL muchas veces se le llama colesterol malo. Puede acumularse en las paredes de los vasos de la sangre y estrecharlos.
lab-ldl-high = Un nivel alto sube su riesgo de enfermedad del corazón y de derrame cerebral. Comer menos carne grasosa y comida frita, moverse más y algunas medicinas pueden bajarlo. Para el LDL, más bajo casi siempre es mejor.

lab-hdl-name = Colesterol HDL (bueno)
lab-hdl-what = Al HDL muchas veces se le llama colesterol bueno. Ayuda a sacar de la sangre el colesterol de más.
lab-hdl-low = Un nivel bajo puede subir su riesgo de enfermedad del corazón. Hacer actividad, no fumar y un peso sano pueden subirlo. Para el HDL, más alto casi siempre es mejor.

lab-triglycerides-name = Triglicéridos
lab-triglycerides-what = Los triglicéridos son un tipo de grasa de la sangre. Su cuerpo guarda así la energía de más que recibe de la comida.
lab-triglycerides-high = Un nivel alto puede subir su riesgo de enfermedad del corazón. Puede ir con comer antes de la prueba, peso de más, diabetes, alcohol y algunas medicinas. Un nivel bajo casi nunca es motivo de preocupación.

## Otras pruebas de sangre

lab-a1c-name = Hemoglobina A1c (promedio del azúcar en la sangre)
lab-a1c-what = Esta prueba muestra el promedio de su azúcar en la sangre en los últimos dos o tres meses. Se usa para buscar la diabetes y ver qué tan bien está controlada.
lab-a1c-high = Un nivel alto puede ser señal de diabetes o prediabetes. Si tiene diabetes, puede querer decir que su azúcar ha estado más alta que su meta.
lab-a1c-low = Un nivel bajo no es común. Puede pasar después de perder sangre, con algunos tipos de anemia o cuando las medicinas para la diabetes le bajan mucho el azúcar con frecuencia.

lab-tsh-name = Prueba de tiroides (TSH)
lab-tsh-what = La TSH es una hormona que le dice a la glándula tiroides cuánta hormona tiroidea debe hacer. La tiroides ayuda a controlar cómo usa la energía su cuerpo.
lab-tsh-high = Un nivel alto muchas veces quiere decir que su tiroides está lenta y no hace suficiente hormona. Esto puede hacerle sentir cansancio, frío o lentitud.
lab-tsh-low = Un nivel bajo muchas veces quiere decir que su tiroides trabaja de más y hace demasiada hormona. Tomar demasiada medicina para la tiroides también puede bajarlo.

lab-free-t4-name = Hormona tiroidea (T4 libre)
lab-free-t4-what = La T4 es la hormona principal que hace la glándula tiroides. Esta prueba mide la parte que está libre para trabajar en su cuerpo.
lab-free-t4-high = Un nivel alto puede querer decir que su tiroides trabaja de más, o que su dosis de medicina para la tiroides es muy alta.
lab-free-t4-low = Un nivel bajo puede querer decir que su tiroides está lenta y no hace suficiente hormona.

lab-vitamin-d-name = Vitamina D
lab-vitamin-d-what = La vitamina D ayuda a su cuerpo a tomar el calcio y a mantener fuertes los huesos. La piel la hace con la luz del sol, y también viene de la comida y de pastillas.
lab-vitamin-d-high = Un nivel alto es raro. Casi siempre viene de tomar muchas pastillas de vitamina D.
lab-vitamin-d-low = Un nivel bajo es común. Puede venir de pasar poco tiempo al sol, de tener la piel más oscura o de algunos problemas de salud, y con el tiempo puede debilitar los huesos.

## Pruebas de orina

lab-urine-albumin-name = Albúmina en la orina (microalbúmina)
lab-urine-albumin-what = Esta prueba busca pequeñas cantidades de albúmina, una proteína, en su orina. Puede encontrar un daño temprano de los riñones, muchas veces en personas con diabetes o presión alta.
lab-urine-albumin-high = Un nivel alto puede ser una señal temprana de daño de los riñones. El ejercicio fuerte, la fiebre o una infección también pueden subirlo por poco tiempo, así que muchas veces se repite la prueba.

lab-urine-sg-name = Qué tan concentrada está la orina (densidad)
lab-urine-sg-what = Esta prueba muestra cuánta agua tiene su orina. Ayuda a ver cuánta agua tiene su cuerpo.
lab-urine-sg-high = Un nivel alto quiere decir que su orina está fuerte, con poca agua. Muchas veces quiere decir que necesita tomar más líquidos, y también puede pasar con azúcar o proteína en la orina.
lab-urine-sg-low = Un nivel bajo quiere decir que su orina está aguada. Muchas veces quiere decir que tomó muchos líquidos. Con menos frecuencia, viene de un problema de los riñones.

lab-urine-ph-name = Acidez de la orina (pH)
lab-urine-ph-what = Esta prueba muestra cuánto ácido hay en su orina. La comida, las medicinas y el equilibrio de su cuerpo la cambian.
lab-urine-ph-high = Un pH alto quiere decir que su orina tiene menos ácido. Puede venir de lo que come, de algunas medicinas o de una infección de la orina.
lab-urine-ph-low = Un pH bajo quiere decir que su orina tiene más ácido. Puede venir de comer mucha carne, de la diarrea o de una diabetes fuera de control.

lab-urine-protein-name = Proteína en la orina
lab-urine-protein-what = Esta prueba busca proteína en su orina. Los riñones sanos dejan casi toda la proteína en la sangre.
lab-urine-protein-abnormal = La proteína en la orina puede ser señal de daño de los riñones. La fiebre, el ejercicio fuerte o una infección también pueden causarla por poco tiempo, así que muchas veces se repite la prueba.

lab-urine-glucose-name = Azúcar en la orina (glucosa)
lab-urine-glucose-what = Esta prueba busca azúcar en su orina. Casi siempre no hay nada, porque los riñones la dejan en la sangre.
lab-urine-glucose-abnormal = El azúcar en la orina muchas veces quiere decir que su azúcar en la sangre está alta, como en la diabetes. Algunas pastillas para la diabetes también pasan azúcar a la orina a propósito.

lab-urine-ketones-name = Cetonas en la orina
lab-urine-ketones-what = Las cetonas se forman cuando su cuerpo quema grasa en vez de azúcar para tener energía. Esta prueba las busca en su orina.
lab-urine-ketones-abnormal = Las cetonas pueden salir si no ha comido en un rato o si ha tenido vómitos. Comer muy poco pan y azúcar también puede causarlas. Con diabetes, pueden querer decir que su azúcar está fuera de control, así que hable con su equipo de atención.

lab-urine-blood-name = Sangre en la orina
lab-urine-blood-what = Esta prueba busca en su orina sangre que es muy poca para verse.
lab-urine-blood-abnormal = La sangre en la orina puede venir de una infección, piedras en los riñones, ejercicio fuerte o la regla. Su equipo de atención quizás repita la prueba para buscar la causa.

lab-urine-leukocytes-name = Glóbulos blancos en la orina (esterasa leucocitaria)
lab-urine-leukocytes-what = Esta prueba busca señales de glóbulos blancos en su orina. Los glóbulos blancos combaten los microbios.
lab-urine-leukocytes-abnormal = Un resultado positivo muchas veces quiere decir una infección de la vejiga o de los riñones. También puede salir por otras razones, así que su equipo de atención quizás revise su orina de nuevo.

lab-urine-nitrite-name = Nitritos en la orina
lab-urine-nitrite-what = Algunos microbios que causan infecciones de la vejiga forman nitritos en la orina. Esta prueba los busca.
lab-urine-nitrite-abnormal = Un resultado positivo muchas veces quiere decir una infección de la vejiga o de los riñones. Pero puede tener una infección aunque esta prueba salga negativa.

## Signos vitales

lab-systolic-name = Número de arriba de la presión (sistólica)
lab-systolic-what = El número de arriba muestra la fuerza con que la sangre empuja los vasos cuando el corazón late.
lab-systolic-high = Un número alto puede querer decir presión alta, que con el tiempo puede dañar el corazón, el cerebro y los riñones. El dolor, el estrés o llegar con prisa a la cita también pueden subirlo por poco tiempo.
lab-systolic-low = Un número bajo puede causar mareo o desmayo. Puede pasar cuando a su cuerpo le falta agua, con algunas medicinas o con un sangrado.

lab-diastolic-name = Número de abajo de la presión (diastólica)
lab-diastolic-what = El número de abajo muestra la fuerza con que la sangre empuja los vasos mientras el corazón descansa entre latidos.
lab-diastolic-high = Un número alto puede querer decir presión alta, que con el tiempo puede dañar el corazón, el cerebro y los riñones.
lab-diastolic-low = Un número bajo puede pasar cuando a su cuerpo le falta agua o con algunas medicinas. Muchas veces no es motivo de preocupación si se siente bien.

lab-heart-rate-name = Frecuencia cardíaca (pulso)
lab-heart-rate-what = La frecuencia cardíaca es cuántas veces late su corazón en un minuto.
lab-heart-rate-high = Un pulso rápido puede venir del ejercicio, la fiebre, el dolor, los nervios, la cafeína o la falta de agua. Algunos problemas del ritmo del corazón también pueden causarlo.
lab-heart-rate-low = Un pulso lento es común en personas que están en muy buena forma y al dormir. Algunas medicinas y problemas del ritmo del corazón también pueden bajarlo.

lab-breathing-rate-name = Frecuencia respiratoria
lab-breathing-rate-what = La frecuencia respiratoria es cuántas veces respira en un minuto.
lab-breathing-rate-high = Respirar rápido puede venir de la fiebre, el dolor o los nervios. También puede venir de una infección de los pulmones, o de moverse justo antes de que se contara.
lab-breathing-rate-low = Respirar lento puede pasar en el sueño profundo. Algunas medicinas, como las medicinas fuertes para el dolor, también pueden hacerlo más lento.

lab-temperature-name = Temperatura del cuerpo
lab-temperature-what = Su temperatura muestra qué tan caliente está su cuerpo por dentro.
lab-temperature-high = Una temperatura alta es fiebre. Casi siempre quiere decir que su cuerpo combate una infección.
lab-temperature-low = Una temperatura baja puede venir de estar en el frío. En bebés y personas mayores, también puede ser señal de una enfermedad.

lab-oxygen-name = Nivel de oxígeno (saturación de oxígeno)
lab-oxygen-what = Esta prueba muestra cuánto oxígeno lleva su sangre. Muchas veces se mide con una pinza pequeña en el dedo.
lab-oxygen-low = Un nivel bajo puede querer decir que sus pulmones no pasan suficiente oxígeno a la sangre, por ejemplo con una infección de los pulmones, asma o EPOC. Los dedos fríos o el esmalte de uñas también pueden dar una lectura baja. Un nivel alto no es motivo de preocupación.

lab-weight-name = Peso
lab-weight-what = Su peso se revisa en las citas para seguir su salud con el tiempo. Los cambios ayudan a su equipo de atención a ver cómo está.

lab-height-name = Estatura
lab-height-what = Su estatura se usa con su peso para calcular su IMC. En los niños, muestra cómo están creciendo.

lab-bmi-name = Índice de masa corporal (IMC)
lab-bmi-what = El IMC usa su estatura y su peso para mostrar si su peso está en un rango sano para su estatura.
lab-bmi-high = Un IMC alto puede querer decir peso de más, que puede subir el riesgo de diabetes, enfermedad del corazón y dolor de las articulaciones. El IMC no distingue el músculo de la grasa, así que es solo una parte de la historia.
lab-bmi-low = Un IMC bajo puede querer decir que pesa menos de lo sano para su estatura. Puede venir de no comer lo suficiente o de una enfermedad, y algunas personas son delgadas por naturaleza.

lab-head-name = Tamaño de la cabeza (perímetro cefálico)
lab-head-what = Esta medida es la vuelta de la cabeza de su niño. Ayuda a ver que la cabeza y el cerebro crecen bien.
lab-head-high = Una cabeza más grande de lo esperado muchas veces es normal y puede venir de familia. Su equipo de atención quizás la mida de nuevo para seguir el crecimiento.
lab-head-low = Una cabeza más pequeña de lo esperado también puede ser normal. Su equipo de atención quizás la mida de nuevo para seguir el crecimiento.
