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
    <h2 class="pf-v5-c-title pf-m-lg">${msg("viewgateWhatYouCanDo")}</h2>
    <ul class="viewgate-abilities" id="viewgate-abilities">
        <#if member.canViewAs><li>${msg("viewgateCanViewAs")}</li></#if>
        <#if member.canShare><li>${msg("viewgateCanShare")}</li></#if>
        <#if member.canDecide><li>${msg("viewgateCanDecide")}</li></#if>
        <li>${msg("viewgateCanRequest")}</li>
    </ul>
    <ul class="viewgate-links">
        <li><a href="${requestFormUrl}" id="viewgate-request-link"><#if member.requestPending>${msg("viewgateRequestPendingShort")}<#else>${msg("viewgateRequestTitle")}</#if></a></li>
        <#if member.canViewAs>
        <li><a href="${viewAsUrl}" id="viewgate-view-as-link">${msg("viewgateOpenViewAs")}</a></li>
        </#if>
        <#if member.canDecide>
        <li><a href="${queueUrl}" id="viewgate-queue-link">${msg("viewgateOpenQueue")} <span class="viewgate-badge" id="viewgate-queue-badge">${member.pendingCount?c}</span></a></li>
        </#if>
    </ul>
</@layout.page>
