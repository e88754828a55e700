<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateMyAccess")>
    <dl class="viewgate-facts">
        <dt>${msg("viewgateName")}</dt>
        <dd id="viewgate-name">${member.name}</dd>
        <dt>${msg("viewgateUsername")}</dt>
        <dd id="viewgate-username">${member.username}</dd>
        <#if member.email?has_content>
        <dt>${msg("viewgateEmail")}</dt>
        <dd id="viewgate-email">${member.email}</dd>
        </#if>
        <dt>${msg("viewgateTier")}</dt>
        <#if member.tierLevel gt 0>
        <dd id="viewgate-tier">${msg("viewgateTierWithLevel", member.tierLabel, member.tierLevel?c)}</dd>
        <#else>
        <dd id="viewgate-tier">${msg("viewgateNoTier")}</dd>
        </#if>
    </dl>
    <#if lastRequest??>
    <section class="viewgate-state viewgate-state-${lastRequest.status?lower_case}" id="viewgate-last-request">
        <h2 class="viewgate-subtitle">${msg("viewgateYourRequest")}</h2>
        <#if lastRequest.status == "PENDING">
        <p id="viewgate-last-request-text"><#if lastRequest.desiredTier?has_content>${msg("viewgateLastPendingTier", lastRequest.desiredTier, layout.agoText(lastRequest.asked))}<#else>${msg("viewgateLastPending", layout.agoText(lastRequest.asked))}</#if></p>
        <#elseif lastRequest.status == "GRANTED">
        <p id="viewgate-last-request-text">${msg("viewgateOutcomeGranted", lastRequest.grantedTier)}</p>
        <#if lastRequest.reason?has_content>
        <p class="viewgate-quote-label">${msg("viewgateNoteFromDecider")}</p>
        <p id="viewgate-last-request-reason" class="viewgate-pre viewgate-quote">${lastRequest.reason}</p>
        </#if>
        <#else>
        <p id="viewgate-last-request-text"><#if lastRequest.desiredTier?has_content>${msg("viewgateOutcomeDeclinedTier", lastRequest.desiredTier, layout.agoText(lastRequest.decided))}<#else>${msg("viewgateOutcomeDeclined", layout.agoText(lastRequest.decided))}</#if></p>
        <#if lastRequest.reason?has_content>
        <p class="viewgate-quote-label">${msg("viewgateReasonFromDecider")}</p>
        <p id="viewgate-last-request-reason" class="viewgate-pre viewgate-quote">${lastRequest.reason}</p>
        </#if>
        <p id="viewgate-last-request-again">${msg("viewgateMayAskAgain")}</p>
        </#if>
    </section>
    </#if>
    <h2 class="viewgate-subtitle">${msg("viewgateWhatYouCanDo")}</h2>
    <ul class="viewgate-abilities" id="viewgate-abilities">
        <#if member.canViewAs><li>${msg("viewgateCanViewAs")}</li></#if>
        <#if member.canShare><li>${msg("viewgateCanShare")}</li></#if>
        <#if member.canDecide><li>${msg("viewgateCanDecide")}</li></#if>
        <li>${msg("viewgateCanRequest")}</li>
    </ul>
    <ul class="viewgate-links">
        <li><a href="${requestFormUrl}" id="viewgate-request-link" class="viewgate-button viewgate-button-secondary"><#if member.requestPending>${msg("viewgateRequestPendingShort")}<#elseif ((lastRequest.status)!"") == "DECLINED">${msg("viewgateAskAgain")}<#else>${msg("viewgateRequestTitle")}</#if></a></li>
        <#if member.canViewAs>
        <li><a href="${viewAsUrl}" id="viewgate-view-as-link" class="viewgate-button viewgate-button-secondary">${msg("viewgateOpenViewAs")}</a></li>
        </#if>
        <#if member.canDecide>
        <li><a href="${queueUrl}" id="viewgate-queue-link" class="viewgate-button viewgate-button-secondary">${msg("viewgateOpenQueue")} <span class="viewgate-badge" id="viewgate-queue-badge">${member.pendingCount?c}</span></a></li>
        </#if>
    </ul>
</@layout.page>
