// Robot production, pharmacist verification, delivery and lot recall (SPEC §4, §6).
export const production = {
  'nav.recall': 'Retrait de lot',

  'errors.robot.batch_not_booked': 'Cette série est annulée : elle ne peut pas être démarrée.',
  'errors.robot.batch_already_started': 'Cette série est déjà démarrée.',
  'errors.robot.start_before_cutoff':
    'La série ne peut pas démarrer avant la clôture de ses commandes : l’EHPAD peut encore les modifier.',
  'errors.robot.robot_busy': 'Le robot produit la série n° {batchId} : attendez qu’elle soit terminée.',
  'errors.robot.batch_not_started': 'Démarrez la série avant de la terminer.',
  'errors.robot.batch_already_completed': 'Cette série est déjà terminée.',
  'errors.robot.batch_not_produced': 'Seule une série produite peut être vérifiée.',
  'errors.robot.verify_own_care_homes_only':
    'Seul un pharmacien de l’officine qui sert les EHPAD de cette série peut la vérifier.',
  'errors.robot.batch_already_verified': 'Cette série est déjà vérifiée.',
  'errors.robot.pouch_count_mismatch':
    '{excess, plural, =0 {La série compte {expected, number} sachets, pas {produced, number} : refaites les sachets manquants.} other {La série compte {expected, number} sachets : le robot ne peut pas en avoir produit {produced, number}.}}',
  'errors.robot.shortage':
    'Le stock de la pharmacie du robot ne couvre pas la série : il manque {missing, number} u. de {label}.',
  'errors.robot.anomaly_resident_not_in_batch': 'Ce résident n’a pas de sachet dans cette série.',
  'errors.robot.pouches_checked_over_produced':
    'La série compte {produced, number} sachets : il ne peut pas y en avoir {checked, number} de contrôlés.',
  'errors.robot.pouches_not_all_checked':
    'Chaque sachet doit être contrôlé : {checked, number} sur {produced, number}.',
  'errors.robot.open_anomalies': 'Des anomalies sont encore ouvertes : résolvez-les avant de valider la série.',
  'errors.robot.anomaly_not_found': 'Anomalie introuvable.',
  'errors.robot.anomaly_already_resolved': 'Cette anomalie est déjà résolue.',
  'errors.orders.not_verified': 'Seule une commande vérifiée par un pharmacien peut être livrée.',
  'errors.orders.already_delivered': 'Cette commande est déjà livrée.',
  'errors.recall.nothing_to_destroy': 'Votre pharmacie n’a plus aucune unité de ce lot en rayon.',

  'production.title': 'Série robot n° {id}',
  'production.open': 'Ouvrir la page de la série',
  'production.moveOrCancel': 'Déplacer ou annuler',
  'production.back': 'Retour au robot',
  'production.subtitle': '{robot} ({host}) · commandes {pharmacy, de_la}',
  'production.notFound': 'Série introuvable',
  'production.notFound.body': 'Aucune série du robot ne porte ce numéro.',
  'production.sheet': 'Fiche de production',
  'production.slot': 'Créneau',
  'production.ran': 'Production',
  'production.durationRan': '{ran} (prévue : {planned})',
  'production.duration': 'Durée',
  'production.pouches': 'Sachets',
  'production.manualUnits': 'Unités au plateau manuel',
  'production.breakdown': 'Réglage {setup} min, sachets {pouches} min, plateau {manual} min, nettoyage {cleaning} min.',
  'production.steps': 'Étapes',
  'production.step.booked': 'Réservée',
  'production.step.bookedAt': 'Prévu le {at}',
  'production.step.started': 'Démarrée',
  'production.step.produced': 'Produite',
  'production.step.verified': 'Vérifiée par un pharmacien',
  'production.step.pending': 'À venir',
  'production.step.by': 'par {name}',
  'production.step.pouches': '{count, plural, one {# sachet produit} other {# sachets produits}}',
  'production.orders': 'Commandes de la série',
  'production.orders.empty': 'Aucune commande.',
  'production.orders.careHome': 'EHPAD',
  'production.orders.week': 'Semaine',
  'production.orders.pouches': 'Sachets',
  'production.orders.manual': 'Plateau (u.)',
  'production.orders.deadline': 'À produire avant',
  'production.orders.documents': 'Documents',
  'production.orders.deliveryNote': 'Bon de livraison',
  'production.orders.phoneFacts': '{week} · {pouches} sachets',
  'production.consumption': 'Lots utilisés',
  'production.consumption.empty': 'Aucun lot enregistré.',
  'production.product': 'Médicament',
  'production.lot': 'Lot',
  'production.expiry': 'Péremption',
  'production.units': 'Unités',
  'production.consumption.phoneFacts': 'Lot {lot} · péremption {expiry} · {units} u.',
  'production.room': 'ch. {room}',

  'production.start.afterCutoff':
    'Démarrage possible après la clôture des commandes, le {at} : d’ici là, l’EHPAD peut encore les modifier.',
  'production.start.robotBusy':
    'Le robot produit en ce moment une autre série : celle-ci pourra démarrer quand elle sera terminée.',
  'production.start.robotBusyLink': 'Ouvrir la série robot n° {id}',
  'production.start': 'Démarrer la production',
  'production.start.title': 'Démarrer la production ?',
  'production.start.body':
    '{count, plural, one {La commande passe} other {Les # commandes passent}} « en production » ({pouches, number} sachets) : la série ne pourra plus être déplacée ni annulée.',
  'production.start.heldBack':
    'Selon le planning, cette série ne peut pas démarrer maintenant : une autre série est réservée, le robot est hors de ses horaires, ou la série ne tient pas entière dans la plage en cours. Le premier créneau où elle tient est le {at}. Démarrer maintenant peut retarder une autre série ou déborder de la plage.',
  'production.start.heldBackNoSlot':
    'Selon le planning, le robot n’a pas de créneau libre pour cette série avant sa date limite (autres séries réservées, horaires, fermetures). Démarrer maintenant peut retarder une autre série.',
  'production.cancelledSteps': 'Série annulée : elle ne sera pas produite.',
  'production.start.done': 'Production démarrée.',

  // A colleague's batch on this pharmacy's robot changed (robot.hosted_batch_changed).
  'alerts.hostedBatchBooked':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : nouvelle série réservée sur votre robot le {startDay} de {startTime} à {endTime}, {pouches, plural, one {# sachet} other {# sachets}}.',
  'alerts.hostedBatchMoved':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : déplacée du {fromDay} de {fromStartTime} à {fromEndTime} au {startDay} de {startTime} à {endTime} ({pouches, plural, one {# sachet} other {# sachets}}).',
  'alerts.hostedBatchCancelled':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : annulée. Le créneau du {startDay} de {startTime} à {endTime} ({pouches, plural, one {# sachet} other {# sachets}}) est libéré.',
  'alerts.hostedBatchOrderCancelled':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a été annulée. La série du {startDay} à {startTime} est raccourcie : {pouches, plural, one {# sachet} other {# sachets}} au lieu de {fromPouches, number}, fin à {endTime} au lieu de {fromEndTime}.',
  'alerts.hostedBatchOrderCancelledEmptied':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a été annulée. C’était la seule de la série : le créneau du {startDay} de {startTime} à {endTime} est libéré.',
  'alerts.hostedBatchOrderLeft':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a augmenté et ne tient plus dans le créneau : elle sort de la série. La série du {startDay} à {startTime} est raccourcie : {pouches, plural, one {# sachet} other {# sachets}} au lieu de {fromPouches, number}, fin à {endTime} au lieu de {fromEndTime}.',
  'alerts.hostedBatchOrderLeftEmptied':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a augmenté et ne tient plus dans le créneau : elle sort de la série. C’était la seule de la série : le créneau du {startDay} de {startTime} à {endTime} est libéré.',
  'alerts.hostedBatchOrderChangedLonger':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a changé. La série du {startDay} à {startTime} est allongée : {pouches, plural, one {# sachet} other {# sachets}} au lieu de {fromPouches, number}, fin à {endTime} au lieu de {fromEndTime}.',
  'alerts.hostedBatchOrderChangedShorter':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a changé. La série du {startDay} à {startTime} est raccourcie : {pouches, plural, one {# sachet} other {# sachets}} au lieu de {fromPouches, number}, fin à {endTime} au lieu de {fromEndTime}.',
  'alerts.hostedBatchOrderChangedSameTime':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a changé. La série du {startDay} de {startTime} à {endTime} compte désormais {pouches, plural, one {# sachet} other {# sachets}} au lieu de {fromPouches, number}, aux mêmes horaires.',
  // Raised before robot.hosted_batch_changed (robot.hosted_batch_reduced): kept to read those rows.
  'alerts.hostedBatchShrunk':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a été annulée. La série du {startDay} à {startTime} est raccourcie : {pouches} sachets, fin à {newEndTime} au lieu de {endTime}.',
  'alerts.hostedBatchEmptied':
    'Série robot n° {batchId} ({pharmacy}, {robot}) : la commande de {careHome} pour la semaine {weekNumber} (du {weekFrom} au {weekTo}) a été annulée. C’était la seule de la série : le créneau du {startDay} de {startTime} à {endTime} est libéré.',
  'alerts.robotBatchCancelledByClosure':
    'Série robot n° {batchId} ({robot}) du {startDay} à {startTime} annulée : le robot est fermé ({reason}). Commandes à replanifier : {careHomes}.',
  'alerts.robotBatchSlotMissed':
    'Série robot n° {batchId} ({careHomes}) : son créneau du {startDay} à {startTime} est passé sans que la production soit lancée. Ses commandes ne seront pas préparées tant que la série n’est pas démarrée, déplacée ou annulée (à produire avant le {deadlineDay} à {deadlineTime}).',
  'production.slotMissed.title': 'Créneau passé sans production — à replanifier',
  'production.slotMissed.inTime':
    'Le créneau du {start} est passé sans que la production soit lancée. Il reste le temps de la produire avant l’heure limite des commandes ({deadline}) : démarrez-la maintenant, ou déplacez-la depuis le calendrier. Sinon, annulez la série : ses commandes redeviennent « transmises » et pourront être replanifiées.',
  'production.slotMissed.late':
    'Le créneau du {start} est passé sans que la production soit lancée. Démarrée maintenant, elle finirait après l’heure limite des commandes ({deadline}) : prévenez l’EHPAD, ou annulez la série pour que ses commandes redeviennent « transmises » et soient replanifiées.',
  'production.slotMissed.inTimeLater':
    'Le créneau du {start} est passé sans que la production soit lancée. Le robot n’est libre qu’à partir du {earliest} (autre série en cours ou hors des horaires) : démarrée alors, elle finirait le {end}, avant l’heure limite des commandes ({deadline}). Déplacez-la sur ce créneau depuis le calendrier, ou annulez la série : ses commandes redeviennent « transmises » et pourront être replanifiées.',
  'production.slotMissed.lateLater':
    'Le créneau du {start} est passé sans que la production soit lancée. Le robot n’est libre qu’à partir du {earliest} : démarrée alors, elle finirait le {end}, après l’heure limite des commandes ({deadline}). Prévenez l’EHPAD, ou annulez la série pour que ses commandes redeviennent « transmises » et soient replanifiées.',
  'production.slotMissed.others': 'Le créneau du {start} est passé sans que la production soit lancée.',
  'production.slotMissed.calendar': 'Ouvrir le calendrier de la semaine',
  'production.slotMissed.cancel': 'Annuler la série',
  'production.slotMissed.cancelTitle': 'Annuler la série n° {id} ?',
  'production.slotMissed.cancelBody':
    '{count, plural, one {Sa commande redevient « transmise » : vous pourrez la replanifier} other {Ses # commandes redeviennent « transmises » : vous pourrez les replanifier}} sur un autre créneau.',
  'production.slotMissed.cancelled': 'Série annulée : ses commandes sont de nouveau à planifier.',
  'production.complete': 'Terminer la production',
  'production.complete.title': 'Terminer la production',
  'production.complete.underAMinute': 'moins d’une minute',
  'production.complete.tooShort':
    'La série a démarré il y a {elapsed}, pour {planned} prévues : vérifiez que le robot a bien fini avant de terminer la production.',
  'production.complete.body':
    'Les unités mises en sachets sont déduites du stock de la {host}, lot par lot (premier périmé, premier sorti), et chaque lot est enregistré par résident.',
  'production.complete.pouches': 'Sachets produits',
  'production.complete.pouchesHint': 'La série en compte {count, number}.',
  'production.complete.done': 'Production enregistrée : les lots utilisés sont tracés.',

  'production.shortage.title': 'Stock de la {host} pour cette série',
  'production.shortage.none': 'Le stock couvre toute la série.',
  'production.shortage.some':
    '{count, plural, one {Un médicament manque} other {# médicaments manquent}} : la production ne pourra pas être terminée sans dépannage.',
  'production.shortage.needed': 'Nécessaire',
  'production.shortage.held': 'En stock',
  'production.shortage.missing': 'Manque',
  'production.shortage.pool': 'Disponible ailleurs',
  'production.shortage.holder': '{pharmacy} : {available} u. (exp. {expiry})',
  'production.shortage.depannage': 'Dépannage',
  'production.shortage.ask': 'Demander {quantity} u. {pharmacy, à}',
  'production.shortage.nobody': 'Aucune pharmacie n’en a.',
  'production.shortage.reason': 'Série robot n° {id} : rupture pour les sachets des EHPAD',
  'production.shortage.requested': 'Dépannage demandé : {quantity} u. {pharmacy, à}.',
  'production.shortage.seeTransfer': 'Voir le transfert n° {id}',
  'production.shortage.line': '{product} : manque {missing, number} u.',

  'production.verification': 'Contrôle pharmaceutique',
  'production.verify': 'Vérifier la série',
  'production.verified': 'Série vérifiée le {at} par {by}.',
  'production.verification.blocked':
    '{count, plural, one {Une anomalie ouverte bloque} other {# anomalies ouvertes bloquent}} la validation de la série.',
  'production.verification.waiting': 'La série attend le contrôle d’un pharmacien.',
  'production.verification.pharmacistOnly':
    'La série attend le contrôle d’un pharmacien {pharmacy, de_la}, qui sert ses EHPAD.',
  'production.check.verified': 'Validé le {at} par {by} ({count, number} sachets contrôlés)',
  'production.check.anomalies': 'Contrôle du {at} par {by} : anomalies relevées ({count, number} sachets contrôlés)',
  'production.check.notes': 'remarques : {notes}',
  'production.verify.title': 'Contrôle de la série',
  'production.verify.body':
    'Contrôlez chacun des {count, number} sachets ({homes, plural, one {# EHPAD} other {# EHPAD}}). Une anomalie relevée bloque la validation jusqu’à sa résolution.',
  'production.verify.remade':
    'Dont {count, plural, one {# sachet refait à la main après l’incident de production : contrôlez-le aussi} other {# sachets refaits à la main après l’incident de production : contrôlez-les aussi}}.',
  'production.verify.checked': 'Sachets contrôlés',
  'production.verify.checkedHint': 'Tous les sachets ({count, number}) doivent être contrôlés pour valider.',
  'production.verify.notes': 'Remarques',
  'production.verify.submit': 'Valider la série',
  'production.verify.saveAnomalies': 'Enregistrer les anomalies',
  'production.verify.done': 'Série vérifiée : les commandes sont prêtes à livrer.',
  'production.verify.anomaliesSaved':
    '{count, plural, one {Anomalie enregistrée} other {# anomalies enregistrées}} : la série reste à valider.',
  'production.anomalies': 'Anomalies',
  'production.anomalies.add': 'Ajouter une anomalie',
  'production.anomalies.remove': 'Retirer cette anomalie',
  'production.anomalies.resident': 'Résident',
  'production.anomalies.description': 'Description',
  'production.anomalies.state': 'État',
  'production.anomalies.stateOpen': 'Ouverte',
  'production.anomalies.stateResolved': 'Résolue',
  'production.anomalies.open': '{count, plural, one {# anomalie ouverte} other {# anomalies ouvertes}}',
  'production.anomalies.resolve': 'Résoudre',
  'production.anomalies.resolveTitle': 'Résoudre l’anomalie',
  'production.anomalies.resolution': 'Ce qui a été fait',
  'production.anomalies.resolutionHint': 'Par exemple : sachet refait et recontrôlé.',
  'production.anomalies.resolved': 'Anomalie résolue.',

  'production.progress.title': 'Suivi de la commande',
  'production.progress.submitted': 'Envoyée',
  'production.progress.state.done': 'étape franchie',
  'production.progress.state.next': 'prochaine étape',
  'production.progress.state.todo': 'à venir',
  'production.progress.planned': 'Planifiée',
  'production.progress.in_production': 'En production',
  'production.progress.produced': 'Produite',
  'production.progress.verified': 'Vérifiée',
  'production.progress.delivered': 'Livrée',
  'production.progress.cancelled': 'Commande annulée.',
  'production.progress.slotMissed.staff':
    'Créneau passé sans production — à replanifier : la série robot n° {id} prévue le {start} n’a pas été lancée.',
  'production.progress.slotMissed.carehome':
    'Le créneau de préparation prévu le {start} est passé sans production : la pharmacie doit la replanifier. Contactez-la si besoin.',
  'production.progress.slotMissed.link': 'Ouvrir la série n° {id}',
  'production.delivery.title': 'Réception de la livraison',
  'production.delivery.body': 'Signez à la réception des sachets : la commande passe « livrée ».',
  'production.delivery.receivedBy': 'Reçue par (nom)',
  'production.delivery.notes': 'Remarques',
  'production.delivery.notesCareHomeOnly':
    'Les remarques sont celles de l’EHPAD, écrites à la réception : la pharmacie qui signe pour lui les laisse vides.',
  'production.delivery.sign': 'Signer la réception',
  'production.delivery.done': 'Réception signée : commande livrée.',
  'production.delivery.signed': 'Reçue par {name} le {at}.',
  'production.delivery.reserves': 'Réserves à la réception : {notes}',

  'home.production.upcoming': 'Séries d’aujourd’hui et de demain',
  'home.production.startedAt': 'Démarrée le {date}',
  'home.production.upcomingEmpty': 'Aucune série à produire d’ici demain soir.',
  'home.production.nextBatch': 'Prochaine série le {date} :',
  'home.production.awaitingVerification': 'Séries en attente du pharmacien',
  'home.production.awaitingVerificationEmpty': 'Aucune série n’attend la vérification du pharmacien.',
  'home.production.toVerify': 'Séries robot à vérifier',
  'home.production.toVerifyEmpty': 'Aucune série n’attend de contrôle.',
  'home.production.shortages': 'Ruptures avant les séries de demain',
  'home.production.shortagesEmpty': 'Le stock couvre les séries jusqu’à demain soir.',
  'home.production.progress': 'Suivi de mes commandes',
  'home.production.progressEmpty': 'Aucune commande en cours de production.',
  'home.production.robotLink': 'Ouvrir le planning du robot',
  'home.production.ordersLink': 'Toutes les commandes',

  'recall.title': 'Retrait de lot',
  'recall.subtitle':
    'Où est allé un lot : pharmacies qui le détiennent, transferts, dispensations au comptoir, séries robot, EHPAD et résidents.',
  'recall.search': 'Rechercher',
  'recall.identity': 'CIP13 {cip13} · lot {lot}',
  'recall.nowhere': 'Le lot {lot} n’est arrivé dans aucune pharmacie de la coopérative.',
  'recall.pdf': 'Exporter en PDF',
  'recall.kpi.shelves': 'Unités encore en rayon',
  'recall.kpi.transfers': 'Transferts',
  'recall.kpi.batches': 'Séries robot',
  'recall.kpi.pouches': 'Unités en sachets',
  'recall.holdings': 'Pharmacies détentrices',
  'recall.holdings.empty': 'Aucune pharmacie ne détient ce lot.',
  'recall.pharmacy': 'Pharmacie',
  'recall.onShelves': 'En rayon',
  'recall.reserved': 'Réservé',
  'recall.since': 'Depuis',
  'recall.transfers': 'Transferts (dépannages)',
  'recall.transfers.empty': 'Aucun transfert n’a déplacé ce lot.',
  'recall.transfer': 'Transfert',
  'recall.from': 'De',
  'recall.to': 'Vers',
  'recall.unitsSent': 'Envoyées',
  'recall.unitsReceived': 'Reçues',
  'recall.shipped': 'Expédié',
  'recall.received': 'Reçu',
  'recall.transferStatus.accepted': 'réservé',
  'recall.transferStatus.shipped': 'en route',
  'recall.transferStatus.received': 'reçu',
  'recall.kpi.counter': 'Unités dispensées au comptoir',
  'recall.dispensed': 'Dispensations au comptoir',
  'recall.dispensed.empty': 'Aucune unité de ce lot n’a été dispensée au comptoir.',
  'recall.dispensed.units': 'Unités',
  'recall.dispensed.days': 'Jours',
  'recall.dispensed.range': 'du {from} au {to}',
  'recall.batches': 'Séries robot et EHPAD',
  'recall.batches.empty': 'Ce lot n’a été mis dans aucun sachet.',
  'recall.batch': 'Série robot',
  'recall.producedAt': 'Produit le',
  'recall.delivered': 'Livraison',
  'recall.residents': 'Résidents',
  'recall.residentsTitle': 'Résidents concernés',
  'recall.residents.empty': 'Aucun résident d’un EHPAD que vous desservez.',
  'recall.room': 'Chambre',
  'recall.hidden':
    '{count, plural, one {# autre résident} other {# autres résidents}} d’EHPAD desservis par d’autres pharmacies : chaque pharmacie voit les siens.',
  'recall.destroy': 'Détruire ce qui reste',
  'recall.destroy.title': 'Détruire le lot rappelé ?',
  'recall.destroy.body':
    '{count, plural, one {# unité} other {# unités}} du lot {lot} ({product}) sortent de votre stock en destruction, motif « retrait de lot ».',
  'recall.destroy.bodyReserved':
    '{count, plural, one {# unité} other {# unités}} du lot {lot} ({product}) sortent de votre stock en destruction, motif « retrait de lot ». Les dépannages acceptés qui en réservaient {reserved, plural, one {# unité} other {# unités}} sont annulés, et l’officine demandeuse prévenue.',
  'recall.destroy.done': '{count, plural, one {# unité détruite} other {# unités détruites}} (retrait de lot).',
  'production.complete.incident': 'Incident de production',
  'production.complete.incidentHint':
    'Facultatif : un bourrage, une cassette relancée… La série sera marquée d’un incident.',
  'production.complete.incidentRequired':
    '{count, plural, one {Il manque # sachet : décrivez l’incident.} other {Il manque # sachets : décrivez l’incident.}}',
  'production.complete.shortPouches':
    '{count, plural, one {Le sachet manquant, par résident (# au total)} other {Les sachets manquants, par résident (# au total)}}',
  'production.complete.overPlanned': 'Au plus {planned, number} : la série compte {planned, number} sachets.',
  'production.complete.incidentMissing':
    '{count, plural, one {Décrivez l’incident : il manque # sachet.} other {Décrivez l’incident : il manque # sachets.}}',
  'production.complete.shortCount': 'Sachets',
  'production.complete.shortAdd': 'Ajouter un résident',
  'production.complete.shortRemove': 'Retirer',
  'production.anomalies.residentRequired': 'Choisissez le résident concerné.',
  'production.anomalies.missing': '{count, plural, one {# sachet manquant} other {# sachets manquants}}',
  'production.incident': 'Incident de production',
  'production.rejections': 'Séries rejetées',
  'production.rejection.redo': 'Rejetée le {at} par {by} et refaite : {reason}',
  'production.rejection.abandon': 'Rejetée le {at} par {by} et abandonnée : {reason}',
  'production.rejection.run':
    'Série produite le {start} (fin à {end}) : {count, plural, one {# sachet détruit} other {# sachets détruits}}',
  'production.reject': 'Rejeter la série',
  'production.reject.title': 'Rejeter la série robot n° {id}',
  'production.reject.body':
    'Les sachets de cette série seront détruits ; les lots consommés restent tracés pour un éventuel retrait.',
  'production.reject.reason': 'Motif du rejet',
  'production.reject.decision': 'Ensuite',
  'production.reject.redo': 'Refaire la série (elle repasse en production)',
  'production.reject.abandon': 'Abandonner la série (ses commandes sont de nouveau à planifier)',
  'production.reject.done.redo': 'Série rejetée : elle est de nouveau en production.',
  'production.reject.done.abandon': 'Série abandonnée : ses commandes sont de nouveau à planifier.',
  'errors.robot.short_pouches_mismatch':
    'Les sachets manquants listés ({listed, number}) doivent faire {missing, number}.',
  'errors.robot.short_pouches_over_resident': 'Ce résident n’a que {pouches, number} sachets dans la série.',
  'errors.robot.lot_not_usable':
    'Ce lot ne peut pas avoir servi à cette série (pas un lot de l’officine du robot pour ce produit, ou périmé avant la fin de la semaine).',
  'production.complete.lots': 'Lots chargés, s’ils diffèrent de la fiche de production',
  'production.complete.lotsHint': 'Sans choix, les lots de la fiche (premier périmé, premier sorti) sont enregistrés.',
  'production.complete.lotFefo': 'Lot de la fiche (FEFO)',
  'production.complete.lotOption': 'Lot {lot} · péremption {expiry} · {available, number} u.',
  'production.shortage.lineChosenLot':
    '{product} : le lot choisi n’en a pas assez, il manque {missing, number} u. Choisissez-en un autre ou laissez le choix par défaut (premier périmé, premier sorti).',
};
