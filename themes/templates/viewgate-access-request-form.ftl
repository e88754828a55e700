<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateRequestTitle")>
    <@layout.notices noticeText=(notice??)?then(msg("viewgateNotice_" + (notice!"")), "") errorTitle=msg("viewgateRequestNotSent")/>

    <p class="viewgate-current" id="viewgate-current-tier"><#if currentTier?has_content>${msg("viewgateYourTier", currentTier)}<#else>${msg("viewgateYouHaveNoTier")}</#if></p>

    <#if pending??>
    <section class="viewgate-state viewgate-state-pending" id="viewgate-pending">
        <h2 class="viewgate-subtitle">${msg("viewgateRequestPending")}</h2>
        <p id="viewgate-pending-since">${msg("viewgatePendingSince", layout.agoText(pending.asked))}</p>
        <dl class="viewgate-facts">
            <dt>${msg("viewgateDesiredTier")}</dt>
            <dd id="viewgate-pending-tier"><#if pending.desiredTier?has_content>${pending.desiredTier}<#else>${msg("viewgateNoPreference")}</#if></dd>
            <dt>${msg("viewgateMessage")}</dt>
            <dd id="viewgate-pending-message" class="viewgate-pre">${pending.message}</dd>
        </dl>
        <form method="post" action="${formUrl}" class="viewgate-inline">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="withdraw">
            <button type="submit" id="viewgate-withdraw" class="viewgate-button viewgate-button-secondary">${msg("viewgateWithdraw")}</button>
        </form>
    </section>
    <h2 class="viewgate-subtitle">${msg("viewgateEditRequest")}</h2>
    <#elseif outcome??>
    <section class="viewgate-state viewgate-state-${outcome.status?lower_case}" id="viewgate-outcome">
        <#if outcome.status == "GRANTED">
        <p id="viewgate-outcome-text">${msg("viewgateOutcomeGranted", outcome.grantedTier)}</p>
        <#if outcome.reason?has_content>
        <p class="viewgate-quote-label">${msg("viewgateNoteFromDecider")}</p>
        <p id="viewgate-outcome-reason" class="viewgate-pre viewgate-quote">${outcome.reason}</p>
        </#if>
        <#else>
        <p id="viewgate-outcome-text"><#if outcome.desiredTier?has_content>${msg("viewgateOutcomeDeclinedTier", outcome.desiredTier, layout.agoText(outcome.decided))}<#else>${msg("viewgateOutcomeDeclined", layout.agoText(outcome.decided))}</#if></p>
        <#if outcome.reason?has_content>
        <p class="viewgate-quote-label">${msg("viewgateReasonFromDecider")}</p>
        <p id="viewgate-outcome-reason" class="viewgate-pre viewgate-quote">${outcome.reason}</p>
        </#if>
        <p id="viewgate-ask-again-hint">${msg("viewgateMayAskAgain")}</p>
        </#if>
    </section>
    <h2 class="viewgate-subtitle">${msg("viewgateAskAgain")}</h2>
    </#if>

    <form method="post" action="${formUrl}" id="viewgate-request-form" class="viewgate-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <input type="hidden" name="action" value="submit">
        <label for="viewgate-desired-role">${msg("viewgateDesiredTier")}</label>
        <select id="viewgate-desired-role" name="desiredRole" aria-describedby="viewgate-tier-hint"<#if (errorField!"") == "desiredRole"> aria-invalid="true" aria-errormessage="viewgate-error"</#if>>
            <option value="">${msg("viewgateNoPreference")}</option>
            <#list requestable as option>
            <option value="${option.role}"<#if option.role == selectedRole> selected</#if>>${option.label}</option>
            </#list>
        </select>
        <#if requestable?has_content>
        <p class="viewgate-hint" id="viewgate-tier-hint">${msg("viewgateDesiredTierHint")}</p>
        <#else>
        <p class="viewgate-hint" id="viewgate-tier-hint">${msg("viewgateNoHigherTier")}</p>
        </#if>
        <label for="viewgate-message-input">${msg("viewgateWhy")}</label>
        <textarea id="viewgate-message-input" name="message" rows="6" maxlength="${messageLimit?c}" aria-describedby="viewgate-message-limit"<#if (errorField!"") == "message"> aria-invalid="true" aria-errormessage="viewgate-error"</#if>>${typedMessage}</textarea>
        <p class="viewgate-hint" id="viewgate-message-limit">${msg("viewgateMessageLimit", messageLimit?c)}</p>
        <div class="viewgate-actions">
            <button type="submit" id="viewgate-submit" class="viewgate-button viewgate-button-primary"><#if pending??>${msg("viewgateUpdateRequest")}<#else>${msg("viewgateSendRequest")}</#if></button>
        </div>
    </form>
</@layout.page>
